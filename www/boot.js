// Starts ShardLab's WebAssembly. The URLs are relative, so the page works from any path.
//
// Two builds of the app share this page. The first load fetches the lab's own build
// (Kinesis Data Streams and Firehose, within its size budget); the build with every
// service's model (EMR and DynamoDB too) is fetched only when the lab asks for it: the app
// sets `shardlab.model` to `full` and reloads, and its work comes back from the autosave.
// The benchmarks (every `#/bench…` route) start the full build: it has every service's
// model and the same page, and they stay out of the first load.
// An embed that needs every model says so in its own address (`&model=full`): it never
// touches the full page's saved state.
const FULL = localStorage.getItem('shardlab.model') === 'full' || location.hash.startsWith('#/bench') ||
  /^#\/embed\?(.*&)?model=full(&|$)/.test(location.hash);

// Transforms' script engine is a wasm module of its own, fetched the first time a delivery
// stream has a transform (src/script_engine.rs calls this).
globalThis.shardlabLoadScriptEngine = async () => {
  const engine = await import('./shardlab_script.js');
  await engine.default({ module_or_path: new URL('./shardlab_script_bg.wasm', import.meta.url) });
  return engine;
};

// The console's AWS CLI is a wasm module of its own too, fetched the first time the console
// opens (src/cli.rs calls this).
globalThis.shardlabLoadCli = async () => {
  const cli = await import('./shardlab_cli.js');
  await cli.default({ module_or_path: new URL('./shardlab_cli_bg.wasm', import.meta.url) });
  return cli;
};

// The Learn panel (lessons, quiz, exam) is a wasm module of its own, fetched the first time
// the learner opens Learn (src/learn.rs calls this).
globalThis.shardlabLoadCourse = async () => {
  const course = await import('./shardlab_course.js');
  await course.default({ module_or_path: new URL('./shardlab_course_bg.wasm', import.meta.url) });
  return course;
};

// The app asks for the build with every service (src/model_build.rs calls this).
globalThis.shardlabUseFullModel = () => {
  localStorage.setItem('shardlab.model', 'full');
  location.reload();
};

async function start() {
  if (FULL) {
    const app = await import('./shardlab_full.js');
    await app.default({ module_or_path: new URL('./shardlab_full_bg.wasm', import.meta.url) });
  } else {
    const app = await import('./shardlab.js');
    await app.default({ module_or_path: new URL('./shardlab_bg.wasm', import.meta.url) });
  }
}

start().catch((error) => {
  console.error('ShardLab could not start:', error);
  const root = document.getElementById('shardlab');
  if (root) {
    root.textContent = 'ShardLab could not start in this browser (it needs WebAssembly). · ' +
      '這個瀏覽器無法啟動 ShardLab(需要 WebAssembly)。 ' + String(error);
    root.setAttribute('role', 'alert');
  }
});
