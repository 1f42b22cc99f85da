// Opens a notebook in a running JupyterLab with headless Chromium, runs all its cells, and waits
// for the expected text in the outputs. Usage:
//   node run-notebook.mjs URL EXPECTED_REGEX SCREENSHOT.png [TIMEOUT_SECONDS]
// URL is the notebook's /lab/tree/... address with the token; JupyterLab must run with
// --LabApp.expose_app_in_browser=True so that the page's own commands can be called.
// Exit 0 when the text appeared; 1 with the outputs printed when a cell failed or time ran out.
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
  for (;;) {
    outputs = await page.evaluate(() => [...document.querySelectorAll('.jp-OutputArea-output')]
        .map((e) => e.innerText).join('\n'));
    const failed = await page.evaluate(() => document.querySelector(
        '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
        + '.jp-OutputArea-output.jp-mod-error, [data-mime-type="application/vnd.jupyter.error"]')
        !== null);
    if (pattern.test(outputs)) {
      console.log(`found /${expected}/`);
      code = 0;
      break;
    }
    if (failed) {
      console.log('a cell failed');
      break;
    }
    if (Date.now() > deadline) {
      console.log(`no /${expected}/ after ${timeoutMs / 1000} s`);
      break;
    }
    await page.waitForTimeout(500);
  }
  console.log('--- outputs ---\n' + outputs);
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);
} finally {
  await browser.close();
}
process.exit(code);
