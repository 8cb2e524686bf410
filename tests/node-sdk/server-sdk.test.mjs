// The local server called with the official OpenAI Node SDK (the `openai` npm package), for each way the server
// once deviated from OpenAI's API: max_completion_tokens, models.retrieve, "stream": null, error shapes, streamed
// and plain answers, several images. The test starts the real server on a free loopback port and stops it at the end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const apiKey = 'sk-node-sdk-test-7d41';
const model = 'deepseek-ocr';
const freeOcr = '<image>\nFree OCR.';
const pageSplit = '\n\n<--- Page Split --->\n\n';
const dataUrl = (name) => `data:image/png;base64,${readFileSync(join(repo, 'tests', 'samples', name)).toString('base64')}`;
const receipt = dataUrl('receipt.png');
const screenshot = dataUrl('screenshot.png');

let server;
let client;
let baseURL;

/** The server: $DEEPSEEK_OCR_SERVER_EXE, or the dll the build puts in the server's bin folder. */
function startServer() {
  const exe = process.env.DEEPSEEK_OCR_SERVER_EXE;
  const args = ['--port', '0', '--api-key', apiKey];
  const child = exe
    ? spawn(exe, args, { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn('dotnet', [join(repo, 'src/DeepSeekOcr.Server/bin/Release/net10.0/deepseek-ocr-server.dll'), ...args],
        { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server printed no URL within 60 s')), 60_000);
    child.once('exit', (code) => reject(new Error(`the server exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('DEEPSEEK_OCR_SERVER_URL=')) {
        clearTimeout(timer);
        resolve({ child, url: line.slice('DEEPSEEK_OCR_SERVER_URL='.length) });
      }
    });
  });
}

const request = (images, extra = {}) => ({
  model,
  messages: [
    { role: 'system', content: freeOcr },
    { role: 'user', content: images.map((url) => ({ type: 'image_url', image_url: { url } })) },
  ],
  ...extra,
});

/** Calls that should fail, with the SDK's error: no retries, so a refusal is seen once. */
async function failure(call) {
  try {
    await call(new OpenAI({ apiKey, baseURL, maxRetries: 0 }));
  } catch (error) {
    return error;
  }
  assert.fail('the call succeeded');
}

before(async () => {
  const started = await startServer();
  server = started.child;
  baseURL = started.url + '/v1';
  client = new OpenAI({ apiKey, baseURL, maxRetries: 0 });
});

after(() => {
  server?.kill('SIGTERM');
});

test('plain answer', async () => {
  const completion = await client.chat.completions.create(request([receipt]));

  assert.equal(completion.object, 'chat.completion');
  assert.match(completion.id, /^chatcmpl-/);
  assert.equal(completion.model, model);
  assert.equal(completion.choices[0].message.role, 'assistant');
  assert.match(completion.choices[0].message.content, /^CORNER BAKERY\n/);
  assert.equal(completion.choices[0].finish_reason, 'stop');
  assert.equal(completion.usage.total_tokens, completion.usage.prompt_tokens + completion.usage.completion_tokens);
});

test('streamed answer is the plain answer, then usage', async () => {
  const plain = await client.chat.completions.create(request([receipt]));

  const stream = await client.chat.completions.create(request([receipt], { stream: true, stream_options: { include_usage: true } }));
  let text = '';
  let finish = null;
  let usage = null;
  let chunks = 0;
  for await (const chunk of stream) {
    chunks++;
    assert.equal(chunk.object, 'chat.completion.chunk');
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
    usage = chunk.usage ?? usage;
  }

  assert.ok(chunks > 3, `${chunks} chunks`);
  assert.equal(text, plain.choices[0].message.content);
  assert.equal(finish, 'stop');
  assert.deepEqual(usage, plain.usage);
});

test('the SDK helper stream() accumulates the same text', async () => {
  const plain = await client.chat.completions.create(request([receipt]));

  const final = await client.chat.completions.stream(request([receipt])).finalChatCompletion();

  assert.equal(final.choices[0].message.content, plain.choices[0].message.content);
});

test('"stream": null is a plain answer', async () => {
  const completion = await client.chat.completions.create(request([receipt], { stream: null }));

  assert.equal(completion.object, 'chat.completion');
  assert.match(completion.choices[0].message.content, /^CORNER BAKERY/);
});

test('max_completion_tokens caps the answer, plain and streamed', async () => {
  const completion = await client.chat.completions.create(request([receipt], { max_completion_tokens: 5 }));
  assert.equal(completion.choices[0].finish_reason, 'length');
  assert.equal(completion.usage.completion_tokens, 5);

  const stream = await client.chat.completions.create(request([receipt], { max_completion_tokens: 5, stream: true }));
  let text = '';
  let finish = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(text, completion.choices[0].message.content);
  assert.equal(finish, 'length');
});

test('several images are answered in order, joined by the page split', async () => {
  const first = await client.chat.completions.create(request([receipt]));
  const second = await client.chat.completions.create(request([screenshot]));

  const both = await client.chat.completions.create(request([receipt, screenshot]));

  assert.equal(both.choices[0].message.content, first.choices[0].message.content + pageSplit + second.choices[0].message.content);
});

test('json_object gives one JSON object', async () => {
  const completion = await client.chat.completions.create(request([receipt], { response_format: { type: 'json_object' } }));

  const answer = JSON.parse(completion.choices[0].message.content);
  assert.match(answer.text, /^CORNER BAKERY/);
  assert.ok(answer.regions.length > 5);
});

test('models.list and models.retrieve', async () => {
  const models = [];
  for await (const listed of client.models.list()) {
    models.push(listed.id);
  }
  assert.deepEqual(models, [model]);

  const retrieved = await client.models.retrieve(model);
  assert.equal(retrieved.id, model);
  assert.equal(retrieved.object, 'model');
});

test('models.retrieve of an unknown model is NotFoundError with code and param', async () => {
  const error = await failure((sdk) => sdk.models.retrieve('no-such-model'));

  assert.ok(error instanceof OpenAI.NotFoundError, String(error));
  assert.equal(error.status, 404);
  assert.equal(error.code, 'model_not_found');
  assert.equal(error.type, 'invalid_request_error');
});

test('a wrong key is AuthenticationError with code invalid_api_key', async () => {
  const error = await failure((sdk) => new OpenAI({ apiKey: 'wrong', baseURL, maxRetries: 0 }).chat.completions.create(request([receipt])));

  assert.ok(error instanceof OpenAI.AuthenticationError, String(error));
  assert.equal(error.status, 401);
  assert.equal(error.code, 'invalid_api_key');
  assert.equal(error.param, null);
  assert.doesNotMatch(error.message, new RegExp(apiKey));
});

test('an out-of-range option is BadRequestError naming the param, code null', async () => {
  const error = await failure((sdk) => sdk.chat.completions.create(request([receipt], { temperature: 3 })));

  assert.ok(error instanceof OpenAI.BadRequestError, String(error));
  assert.equal(error.status, 400);
  assert.equal(error.param, 'temperature');
  assert.equal(error.code, null);
  assert.equal(error.type, 'invalid_request_error');
});

test('max_tokens and max_completion_tokens that disagree are a 400 naming max_completion_tokens', async () => {
  const error = await failure((sdk) => sdk.chat.completions.create(request([receipt], { max_tokens: 3, max_completion_tokens: 4 })));

  assert.ok(error instanceof OpenAI.BadRequestError, String(error));
  assert.equal(error.param, 'max_completion_tokens');
});

test('a request without an image is BadRequestError with code missing_image', async () => {
  const error = await failure((sdk) => sdk.chat.completions.create({ model, messages: [{ role: 'user', content: 'Free OCR.' }] }));

  assert.ok(error instanceof OpenAI.BadRequestError, String(error));
  assert.equal(error.code, 'missing_image');
  assert.equal(error.param, 'messages');
});

test('a streamed request that fails gets its error status, not a stream', async () => {
  const error = await failure((sdk) => sdk.chat.completions.create(request(['data:image/png;base64,AAAA'], { stream: true })));

  assert.ok(error instanceof OpenAI.BadRequestError, String(error));
  assert.equal(error.code, 'invalid_image');
});

test('an image_url at a non-public address is refused', async () => {
  const error = await failure((sdk) => sdk.chat.completions.create(request(['http://169.254.169.254/latest/meta-data/'])));

  assert.ok(error instanceof OpenAI.BadRequestError, String(error));
  assert.match(error.message, /not a public address/);
});
