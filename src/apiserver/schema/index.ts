// Every schema this API server knows, by upstream's OpenAPI name.
import { appsV1 } from './apps-v1.js';
import { autoscalingV1 } from './autoscaling-v1.js';
import { batchV1 } from './batch-v1.js';
import { coordinationV1 } from './coordination-v1.js';
import { coreV1 } from './core-v1.js';
import { discoveryV1 } from './discovery-v1.js';
import { eventsV1 } from './events-v1.js';
import { metaV1 } from './meta-v1.js';
import { policyV1 } from './policy-v1.js';
import type { SchemaSet } from './types.js';

export const SCHEMAS: SchemaSet = { ...metaV1, ...coreV1, ...coordinationV1, ...eventsV1, ...discoveryV1, ...policyV1, ...appsV1, ...autoscalingV1, ...batchV1 };
