import type { CountLoop } from '../lab/measurement/kernel';

/**
 * The lesson's loop in WebAssembly: `count(n)` counts from 0 to n one by one and returns the
 * count, with one add, one compare and one branch per count, the shape a C compiler gives
 * `while (count < n) count += 1` (bench/native-loop.c). Hand-assembled, so that no toolchain
 * is needed: 64 bytes, the module below in the text format.
 *
 * ```wat
 * (module
 *   (func (export "count") (param $n i32) (result i32) (local $c i32)
 *     (block $none
 *       (br_if $none (i32.eqz (local.get $n)))
 *       (loop $next
 *         (br_if $next (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (local.get $n)))))
 *     (local.get $c)))
 * ```
 */
export const COUNT_LOOP_WASM = new Uint8Array([
  // "\0asm", version 1
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  // type section: one type, (i32) -> (i32)
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f,
  // function section: one function of type 0
  0x03, 0x02, 0x01, 0x00,
  // export section: "count" is function 0
  0x07, 0x09, 0x01, 0x05, 0x63, 0x6f, 0x75, 0x6e, 0x74, 0x00, 0x00,
  // code section: one body of 29 bytes, one local i32 ($c)
  0x0a, 0x1f, 0x01, 0x1d, 0x01, 0x01, 0x7f,
  0x02, 0x40, //         block
  0x20, 0x00, //           local.get $n
  0x45, //                 i32.eqz
  0x0d, 0x00, //           br_if 0 (n = 0: the count is 0)
  0x03, 0x40, //           loop
  0x20, 0x01, //             local.get $c
  0x41, 0x01, //             i32.const 1
  0x6a, //                   i32.add
  0x22, 0x01, //             local.tee $c
  0x20, 0x00, //             local.get $n
  0x49, //                   i32.lt_u
  0x0d, 0x00, //             br_if 0 (count again while c < n)
  0x0b, //                 end loop
  0x0b, //               end block
  0x20, 0x01, //         local.get $c
  0x0b, //               end
]);

/**
 * The loop's module, compiled; null where WebAssembly cannot compile here (no WebAssembly, or a
 * Content-Security-Policy without 'wasm-unsafe-eval'). Compiled synchronously: the module is far
 * below the 4 KB that Chromium allows on a page's thread. The page holds one and hands it to each
 * counting worker (src/page/boundary/pageCountLoop.ts).
 */
export function compileCountModule(): WebAssembly.Module | null {
  if (typeof WebAssembly !== 'object') return null;
  try {
    return new WebAssembly.Module(COUNT_LOOP_WASM);
  } catch {
    return null;
  }
}

/** The loop of a compiled `module`, ready to call; null where it cannot be instantiated or exports no function `count`. */
export function instantiateCountLoop(module: WebAssembly.Module): CountLoop | null {
  try {
    const count = new WebAssembly.Instance(module).exports.count;
    if (typeof count !== 'function') return null;
    return count as CountLoop;
  } catch {
    return null;
  }
}

/** The loop, compiled from its bytes and ready to call; null where WebAssembly cannot compile here (see compileCountModule). */
export function compileCountLoop(): CountLoop | null {
  const module = compileCountModule();
  return module === null ? null : instantiateCountLoop(module);
}
