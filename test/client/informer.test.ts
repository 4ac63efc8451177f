// The informer against a scripted resource client (a stand-in for the API,
// inside this unit test only): list then watch, an index kept current, and
// a 410 answered by listing again and delivering the differences.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../src/apiserver/registry/types.js';
import { ApiError } from '../../src/apiserver/status.js';
import type { ResourceClient } from '../../src/client/client.js';
import { Informer } from '../../src/client/informer.js';
import type { WatchEvent, WatchStream } from '../../src/client/transport.js';
import { eventually } from '../helpers.js';

const obj = (name: string, rv: number, node = ''): KubeObject => ({ metadata: { name, namespace: 'ns', resourceVersion: String(rv) }, spec: { nodeName: node } });

/** A client whose lists and watches follow a script; each watch plays its events, then ends or fails. */
function scripted(lists: KubeObject[][], watches: { events: WatchEvent[]; fail?: ApiError }[]) {
  const calls: string[] = [];
  const client = {
    target: { group: '', version: 'v1', resource: 'pods', namespaced: true },
    async list() {
      calls.push('list');
      const items = lists.shift() ?? [];
      const rv = Math.max(0, ...items.map((i) => Number(i.metadata.resourceVersion)));
      return { metadata: { resourceVersion: String(rv) }, items };
    },
    watch(_ns: string | undefined, options: { resourceVersion?: string }): WatchStream {
      calls.push(`watch@${options.resourceVersion}`);
      const script = watches.shift();
      let closed = false;
      return {
        close: () => (closed = true),
        async *[Symbol.asyncIterator]() {
          if (!script) {
            // Out of script: wait until closed, as a quiet watch does.
            while (!closed) await new Promise((resolve) => setImmediate(resolve));
            return;
          }
          yield* script.events;
          if (script.fail) throw script.fail;
        },
      };
    },
  };
  return { client: client as unknown as ResourceClient, calls };
}

/** What the informer tells its handlers, as "add a", "update a", "delete a". */
function record(informer: Informer): string[] {
  const seen: string[] = [];
  informer.on({
    add: (o) => seen.push(`add ${o.metadata.name}`),
    update: (_, o) => seen.push(`update ${o.metadata.name}`),
    delete: (o) => seen.push(`delete ${o.metadata.name}`),
  });
  return seen;
}

describe('informer', () => {
  it('lists, watches from the list, and keeps its index current', async () => {
    const { client, calls } = scripted(
      [[obj('a', 5, 'n1')]],
      [{ events: [{ type: 'ADDED', object: obj('b', 6, 'n1') }, { type: 'MODIFIED', object: obj('a', 7, 'n2') }, { type: 'DELETED', object: obj('b', 8, 'n1') }] }],
    );
    const informer = new Informer(client);
    informer.addIndex('node', (o) => [(o.spec as { nodeName: string }).nodeName]);
    const seen = record(informer);
    informer.start();
    await informer.synced;
    await eventually(async () => (seen.length === 4 ? true : undefined), 5000, 'four events');
    informer.stop();
    assert.deepEqual(seen, ['add a', 'add b', 'update a', 'delete b']);
    assert.deepEqual(calls.slice(0, 2), ['list', 'watch@5']);
    assert.deepEqual(informer.byIndex('node', 'n2').map((o) => o.metadata.name), ['a']);
    assert.deepEqual(informer.byIndex('node', 'n1'), []);
  });

  it('lists again after 410 Gone and reports what changed meanwhile', async () => {
    const { client, calls } = scripted(
      [[obj('a', 5), obj('b', 5)], [obj('a', 9), obj('c', 9)]],
      [{ events: [], fail: new ApiError(410, 'Expired', 'too old resource version: 5 (8)') }],
    );
    const informer = new Informer(client);
    const seen = record(informer);
    informer.start();
    await eventually(async () => (calls.includes('watch@9') ? true : undefined), 5000, 'the second watch');
    informer.stop();
    assert.deepEqual(calls.slice(0, 4), ['list', 'watch@5', 'list', 'watch@9']);
    assert.deepEqual(seen, ['add a', 'add b', 'delete b', 'update a', 'add c']);
    assert.deepEqual(informer.list().map((o) => o.metadata.name).sort(), ['a', 'c']);
  });

  it('resumes from the last version seen when a watch just ends', async () => {
    const { client, calls } = scripted([[obj('a', 5)]], [{ events: [{ type: 'BOOKMARK', object: { metadata: { resourceVersion: '12' } } }] }]);
    const informer = new Informer(client);
    informer.start();
    await eventually(async () => (calls.includes('watch@12') ? true : undefined), 5000, 'a watch from the bookmark');
    informer.stop();
    assert.deepEqual(calls.slice(0, 3), ['list', 'watch@5', 'watch@12']);
  });
});
