// Opens a notebook in a running JupyterLab with headless Chromium, runs all its cells, and waits
// for the expected text in the outputs. Usage:
//   node run-notebook.mjs URL EXPECTED_REGEX SCREENSHOT.png [TIMEOUT_SECONDS]
// URL is the notebook's /lab/tree/... address with the token; JupyterLab must run with
// --LabApp.expose_app_in_browser=True so that the page's own commands can be called.
// Exit 0 when every cell has run and the text is in the outputs; else 1. The outputs are
// printed either way, then each step of the run graphs drawn (status, size, text), and the page
// is saved as a screenshot (and the first graph's output beside it, as NAME-graph.png).
import { chromium } from 'playwright-core';

const [url, expected, shot, timeoutArg] = process.argv.slice(2);
const timeoutMs = 1000 * Number(timeoutArg ?? 180);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // as root, and with no route to the internet: no sandbox, no background connections
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let code = 1;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(url);
  // the notebook panel is open and its kernel has started
  await page.waitForFunction(() => {
    const w = window.jupyterapp?.shell?.currentWidget;
    return w?.sessionContext?.session?.kernel?.status === 'idle';
  }, null, { timeout: timeoutMs, polling: 250 });
  const kernel = await page.evaluate(
      () => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.name);
  console.log(`kernel ${kernel} is idle; running all cells`);
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:run-all-cells'));
  const deadline = Date.now() + timeoutMs;
  const pattern = new RegExp(expected);
  let outputs = '';
  let stoppedSince = 0;
  for (;;) {
    await page.waitForTimeout(500);
    outputs = await page.evaluate(() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .map((e) => e.innerText).join('\n'));
    // all cells have run when each has a number, none waits or runs ([*]) and the kernel is
    // idle; idle with cells left unnumbered for seconds means a cell failed and stopped the run
    const state = await page.evaluate(() => {
      const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
          .map((p) => p.innerText);
      const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session?.kernel;
      return {
        busy: prompts.some((p) => p.includes('*')) || kernel?.status !== 'idle',
        all: prompts.every((p) => /\d/.test(p)),
      };
    });
    if (!state.busy && state.all) {
      code = pattern.test(outputs) ? 0 : 1;
      console.log(code === 0 ? `all cells ran; found /${expected}/`
          : `all cells ran; no /${expected}/ in the outputs`);
      break;
    }
    stoppedSince = state.busy ? 0 : stoppedSince || Date.now();
    if (stoppedSince && Date.now() - stoppedSince > 5000) {
      console.log('a cell failed: the run stopped with cells left');
      break;
    }
    if (Date.now() > deadline) {
      console.log(`the cells did not finish in ${timeoutMs / 1000} s`);
      break;
    }
  }
  console.log('--- outputs ---\n' + outputs);
  // each drawn step of a run's graph (SVG text has no innerText): its status and its lines
  const steps = await page.evaluate(() => [...document.querySelectorAll(
      '.jp-OutputArea-output svg.graph g.step')].map((g) => {
    const box = g.getBoundingClientRect();
    return `${g.dataset.status} ${Math.round(box.width)}x${Math.round(box.height)}: `
        + [...g.querySelectorAll('text')].map((t) => t.textContent).join(' | ');
  }));
  console.log('--- graph ---\n' + steps.join('\n'));
  // the page with the first graph in view (the notebook scrolls inside it), then that output
  const graph = page.locator('.jp-OutputArea-output:has(svg.graph)').first();
  const hasGraph = await graph.count() > 0;
  if (hasGraph) {
    await graph.scrollIntoViewIfNeeded();
  }
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
  if (hasGraph) {
    const graphShot = shot.replace(/\.png$/, '-graph.png');
    await graph.screenshot({ path: graphShot });
    console.log(`screenshot: ${graphShot}`);
  }
} finally {
  await browser.close();
}
process.exit(code);
