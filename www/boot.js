// Starts ShardLab's WebAssembly. The URLs are relative, so the page works from any path.
import init from './shardlab.js';

// Transforms' script engine is a wasm module of its own, fetched the first time a delivery
// stream has a transform (src/script_engine.rs calls this).
globalThis.shardlabLoadScriptEngine = async () => {
  const engine = await import('./shardlab_script.js');
  await engine.default({ module_or_path: new URL('./shardlab_script_bg.wasm', import.meta.url) });
  return engine;
};

init({ module_or_path: new URL('./shardlab_bg.wasm', import.meta.url) }).catch((error) => {
  console.error('ShardLab could not start:', error);
  const root = document.getElementById('shardlab');
  if (root) {
    root.textContent = 'ShardLab could not start in this browser (it needs WebAssembly). · ' +
      '這個瀏覽器無法啟動 ShardLab(需要 WebAssembly)。 ' + String(error);
    root.setAttribute('role', 'alert');
  }
});
