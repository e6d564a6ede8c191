import { launchChromium } from './chromium';
import { ENGINES, type EngineDriver, type EngineName } from './driver';
import { launchFirefox } from './firefox';
import { launchWebKit } from './webkit';

/** Starts one engine's browser, ready for `open`. */
export function launchEngine(name: EngineName, origin: string): Promise<EngineDriver> {
  switch (name) {
    case 'chromium':
      return launchChromium(origin);
    case 'firefox':
      return launchFirefox(origin);
    case 'webkit':
      return launchWebKit(origin);
  }
}

/** ENGINES=chromium,firefox,webkit (the default: all three) picks the engines to run. */
export function enginesFromEnv(value = process.env.ENGINES): EngineName[] {
  if (value === undefined || value.trim() === '') return [...ENGINES];
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(ENGINES as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`ENGINES names ${unknown.join(', ')}; the engines are ${ENGINES.join(', ')}.`);
  }
  return ENGINES.filter((engine) => names.includes(engine));
}
