/** The engines the cross-engine suite drives, each through its own automation protocol. */
export const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINES)[number];

/** The ARIA roles the checks look elements up by. */
export type Role = 'alertdialog' | 'button' | 'checkbox' | 'dialog' | 'heading' | 'log' | 'radio' | 'slider' | 'spinbutton' | 'status' | 'tab' | 'table' | 'textbox';

/**
 * An element as the checks name it. With a role and an accessible name, an engine that can query
 * its accessibility tree (Chromium, Firefox) finds it by them; WebKitGTK's driver cannot query by
 * role, so it finds the element by `css` and then checks the element's computed role and name.
 * A bare string is a CSS selector, for what has no role and name of its own (a cell, a help text).
 */
export type Target = string | { css: string; role: Role; name: string };

/** The keys the checks press: named keys, and the characters of the page's shortcuts. */
export type Key = 'ArrowLeft' | 'ArrowRight' | 'End' | 'Enter' | 'Escape' | 'Home' | 'Tab' | 'r' | '+' | '?';

/**
 * A script run in the page. It is sent as source text, so it must not use anything from the
 * test's scope: what it needs comes in `arg`. Both `arg` and what it returns must survive a JSON round trip.
 */
export type PageScript<T, A = undefined> = (arg: A) => T | Promise<T>;

/** The default size of the page's viewport, in CSS pixels, before a check asks for another. */
export const VIEWPORT = { width: 1280, height: 900 } as const;

/** One engine, one browser, one page at a time: the thin layer every check is written against. */
export interface EngineDriver {
  readonly name: EngineName;
  /** The server's origin, e.g. http://127.0.0.1:4173. */
  readonly origin: string;
  /**
   * A fresh page (or, where a browser has one window, a fresh navigation) at `pathAndQuery`, after
   * its load event, with the origin's storage empty and the viewport at VIEWPORT.
   */
  open(pathAndQuery: string): Promise<void>;
  /**
   * The same page goes to `pathAndQuery`, as a reload or a typed address does: the origin's storage,
   * the viewport, and what errors() and requests() have collected since `open` are kept.
   */
  navigate(pathAndQuery: string): Promise<void>;
  /** Sizes the page's viewport (the window's inside, in CSS pixels), or fails saying what it got. */
  setViewport(width: number, height: number): Promise<void>;
  click(target: Target): Promise<void>;
  /** Focuses the element and presses one key. */
  press(target: Target, key: Key): Promise<void>;
  /** Presses one key wherever focus is now (the page's body when no element has it). */
  keyboard(key: Key): Promise<void>;
  /** Replaces the text of a text field, as typing does. */
  fill(target: Target, text: string): Promise<void>;
  /**
   * Gives a file input these files (paths on this machine), through the engine's own automation: the
   * change event a user's choice fires follows.
   */
  setInputFiles(target: Target, paths: readonly string[]): Promise<void>;
  /** The element's textContent ('' when it is missing). */
  text(target: Target): Promise<string>;
  /** The textContent of every element `css` matches, in document order. */
  texts(css: string): Promise<string[]>;
  /** A form control's current value. */
  value(target: Target): Promise<string>;
  attribute(target: Target, name: string): Promise<string | null>;
  count(css: string): Promise<number>;
  evaluate<T, A = undefined>(script: PageScript<T, A>, arg?: A): Promise<T>;
  /**
   * Drags the thumb of a horizontal slider with real pointer input: presses at `from` and
   * releases at `to`, both fractions of the element's width (0 the left end, 1 the right end).
   */
  dragSlider(target: Target, from: number, to: number): Promise<void>;
  /** Console errors and uncaught errors in the page since `open`. */
  errors(): Promise<string[]>;
  /** Every URL the page asked for since `open`, as far as the engine lets us see (see each adapter). */
  requests(): Promise<string[]>;
  /** The page's dedicated workers as the protocol sees them, where it can (Playwright in Chromium). */
  protocolWorkers?: () => number;
  close(): Promise<void>;
}

/** A mouse as Playwright and Puppeteer both offer it. */
export interface DragMouse {
  move(x: number, y: number, options?: { steps?: number }): Promise<unknown>;
  down(): Promise<unknown>;
  up(): Promise<unknown>;
}

/**
 * Drags a horizontal slider's thumb with real pointer input: presses at `from` and releases at
 * `to`, both fractions of the box's width, 2 px inside its ends.
 */
export async function dragAcross(mouse: DragMouse, box: { x: number; y: number; width: number; height: number }, from: number, to: number): Promise<void> {
  const x = (fraction: number) => box.x + 2 + fraction * (box.width - 4);
  const y = box.y + box.height / 2;
  await mouse.move(x(from), y);
  await mouse.down();
  await mouse.move(x(to), y, { steps: 8 });
  await mouse.up();
}

/** The CSS selector of a target. */
export function cssOf(target: Target): string {
  return typeof target === 'string' ? target : target.css;
}
