// The CRI v1 runtime and image services over gRPC, from the vendored proto
// (vendor/cri-api/api.proto), as promise-returning calls. Field names are
// the proto's in camelCase (podSandboxId, runtimeApiVersion...).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const PROTO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'vendor', 'cri-api', 'api.proto');

type Call = (request: object) => Promise<Record<string, unknown>>;
type Service = Record<string, Call>;

let loaded: grpc.GrpcObject | undefined;
function services(): { runtime: grpc.ServiceClientConstructor; image: grpc.ServiceClientConstructor } {
  loaded ??= grpc.loadPackageDefinition(
    protoLoader.loadSync(PROTO, { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true }),
  );
  const v1 = (loaded.runtime as grpc.GrpcObject).v1 as grpc.GrpcObject;
  return { runtime: v1.RuntimeService as grpc.ServiceClientConstructor, image: v1.ImageService as grpc.ServiceClientConstructor };
}

/** Every unary method of a generated client, as a function returning a promise. */
function promisify(client: grpc.Client): Service {
  const service: Service = {};
  const methods = (client.constructor as unknown as { service: Record<string, unknown> }).service;
  for (const name of Object.keys(methods)) {
    const method = (client as unknown as Record<string, Function>)[name]!.bind(client);
    service[name] = (request) =>
      new Promise((resolve, reject) => method(request, (err: grpc.ServiceError | null, reply: Record<string, unknown>) => (err ? reject(err) : resolve(reply))));
  }
  return service;
}

export class CriClient {
  readonly runtime: Service;
  readonly image: Service;
  private readonly clients: grpc.Client[];

  constructor(socket: string) {
    const { runtime, image } = services();
    const address = `unix://${socket}`;
    const options = { 'grpc.max_receive_message_length': 64 * 1024 * 1024 };
    const runtimeClient = new runtime(address, grpc.credentials.createInsecure(), options);
    const imageClient = new image(address, grpc.credentials.createInsecure(), options);
    this.clients = [runtimeClient, imageClient];
    this.runtime = promisify(runtimeClient);
    this.image = promisify(imageClient);
  }

  close(): void {
    for (const c of this.clients) c.close();
  }
}
