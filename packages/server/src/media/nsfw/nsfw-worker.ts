/**
 * Worker-thread entry for classifier.ts: scores one image per task with the MobileNetV2 model
 * bundled in nsfwjs, on TensorFlow.js's WebAssembly backend.
 *
 * - Everything is read from disk: the backend's `.wasm` binaries from the installed
 *   @tensorflow/tfjs-backend-wasm package, the model's topology and weights from the files
 *   nsfwjs ships (JavaScript modules holding the JSON and base64 weights). Nothing is fetched.
 * - The model is loaded once per worker, on the first task, and kept for the worker's life.
 * - Decoding follows the upload pipeline: EXIF orientation applied, transparency flattened onto
 *   white, first frame of an animation, sRGB; then the image is stretched to the model's
 *   224 × 224 input, as nsfwjs itself does.
 * - Errors (unreadable bytes, a model that failed to load) reject the task only.
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { NSFWJS } from 'nsfwjs';
import { MobileNetV2Model } from 'nsfwjs/models/mobilenet_v2';
import sharp from 'sharp';
import { MAX_DECODE_PIXELS } from '../decode.js';
import { serveTasks } from '../worker-pool.js';
import { NUDITY_CLASSES, zeroScores } from './verdict.js';
import { lowerThreadPriority } from '../thread-priority.js';
import type { ClassifyRequest, ClassifyResult } from './verdict.js';

lowerThreadPriority();

/** Side of the model's square RGB input. */
const INPUT_SIZE = 224;

const WASM_BINARIES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

/** `file:` URLs of the backend's binaries in the installed package (Node reads them with fs). */
function wasmFiles(): Record<string, string> {
  const require = createRequire(import.meta.url);
  return Object.fromEntries(
    WASM_BINARIES.map((name) => [
      name,
      pathToFileURL(require.resolve(`@tensorflow/tfjs-backend-wasm/dist/${name}`)).href,
    ]),
  );
}

/**
 * The model's artifacts from nsfwjs's bundled files. nsfwjs's own `load('MobileNetV2')` reads
 * the same files but also writes notices to the console, which would end up in the server's
 * log stream; building the artifacts here keeps the worker silent.
 */
async function bundledArtifacts(): Promise<tf.io.ModelArtifacts> {
  const definition = MobileNetV2Model;
  const json = (await definition.modelJson()).default;
  const shards = await Promise.all(definition.weightBundles.map(async (bundle) => (await bundle()).default));
  // Weight paths in the manifest name the bundles "group1-shard<i>of<n>", in bundle order.
  const byPath = new Map(shards.map((base64, i) => [`group1-shard${i + 1}of${shards.length}`, base64]));
  const weights = Buffer.concat(
    json.weightsManifest.flatMap((group) =>
      group.paths.map((path) => {
        const base64 = byPath.get(path);
        if (base64 === undefined) throw new Error(`nsfwjs bundle has no weight shard ${path}`);
        return Buffer.from(base64, 'base64');
      }),
    ),
  );
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
  };
}

async function loadModel(): Promise<NSFWJS> {
  setWasmPaths(wasmFiles());
  if (!(await tf.setBackend('wasm'))) throw new Error('the TensorFlow.js WebAssembly backend did not start');
  await tf.ready();
  tf.enableProdMode();
  const artifacts = await bundledArtifacts();
  const model = new NSFWJS({ load: () => Promise.resolve(artifacts) }, { size: INPUT_SIZE });
  await model.load(); // also runs one prediction, so the first image pays no warm-up
  return model;
}

let loading: Promise<NSFWJS> | undefined;

/** The model, loaded on first use; a failed load fails every task of this worker. */
function model(): Promise<NSFWJS> {
  loading ??= loadModel();
  return loading;
}

/** Decodes any image sharp reads to the model's input: 224 × 224 × 3 bytes, RGB, row-major. */
async function decodeForModel(image: Uint8Array): Promise<Buffer> {
  const input = Buffer.from(image.buffer, image.byteOffset, image.byteLength);
  const { data, info } = await sharp(input, {
    failOn: 'error',
    limitInputPixels: MAX_DECODE_PIXELS,
    pages: 1,
  })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .resize(INPUT_SIZE, INPUT_SIZE, { fit: 'fill' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3 || info.width !== INPUT_SIZE || info.height !== INPUT_SIZE) {
    throw new Error(`decoded image is ${info.width}×${info.height}×${info.channels}, expected 224×224×3`);
  }
  return data;
}

async function classify(request: ClassifyRequest): Promise<ClassifyResult> {
  const net = await model();
  const start = performance.now();
  const pixels = await decodeForModel(request.image);
  const input = tf.tensor3d(pixels, [INPUT_SIZE, INPUT_SIZE, 3], 'int32');
  let predictions: Awaited<ReturnType<NSFWJS['classify']>>;
  try {
    predictions = await net.classify(input, NUDITY_CLASSES.length);
  } finally {
    input.dispose();
  }
  const scores = zeroScores();
  for (const { className, probability } of predictions) scores[className] = probability;
  if (predictions.length !== NUDITY_CLASSES.length) {
    throw new Error(`the model returned ${predictions.length} classes, expected ${NUDITY_CLASSES.length}`);
  }
  return { scores, ms: performance.now() - start };
}

serveTasks(classify);
