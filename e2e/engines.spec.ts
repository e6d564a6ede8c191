import { test } from '@playwright/test';
import { checks, expectCleanVisit } from './engines/checks';
import { ENGINES, type EngineDriver } from './engines/driver';
import { exchangeChecks } from './engines/exchangeChecks';
import { enginesFromEnv, launchEngine } from './engines/launch';
import { pythonChecks } from './engines/pythonChecks';

// Every check, once per engine: one browser per engine, a fresh page or navigation per check.
const engines = enginesFromEnv();
const skipped = ENGINES.filter((engine) => !engines.includes(engine));
// A subset is said in the output, never silent.
if (skipped.length > 0) console.log(`A subset: ENGINES=${process.env.ENGINES ?? ''} leaves out ${skipped.join(', ')}.`);
for (const engine of engines) {
  test.describe(engine, () => {
    let driver: EngineDriver | undefined;

    test.beforeAll(async () => {
      test.setTimeout(60_000);
      const baseURL = test.info().project.use.baseURL;
      if (!baseURL) throw new Error('The engines project needs a baseURL.');
      driver = await launchEngine(engine, new URL(baseURL).origin);
    });

    test.afterAll(async () => {
      await driver?.close();
    });

    for (const check of [...checks, ...pythonChecks, ...exchangeChecks]) {
      test(check.name, async () => {
        test.setTimeout(90_000);
        if (!driver) throw new Error(`${engine} did not start.`);
        // What the check found of the engine, where engines may differ: in the report, and in the log.
        await check.run(driver, (fact) => {
          test.info().annotations.push({ type: engine, description: fact });
          console.log(`${engine}: ${fact}`);
        });
        await expectCleanVisit(driver);
      });
    }
  });
}
