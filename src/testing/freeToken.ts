import type { TokenCallbacks, TokenGrant } from '../lab/types';

/**
 * For tests: the page's token as a worker sees it, always free, counting its grants; from grant
 * `contendedFrom` on it says that another worker waits. Asking while holding, or giving up
 * what is not held, throws: a worker must never do either.
 */
export function freeToken(contendedFrom = Infinity) {
  let grants = 0;
  let held = false;
  const token: TokenCallbacks = {
    request: () => {
      if (held) throw new Error('Requested while holding.');
      held = true;
      grants += 1;
      return Promise.resolve<TokenGrant>({ grant: grants, contended: grants >= contendedFrom });
    },
    release: () => {
      if (!held) throw new Error('Released while not holding.');
      held = false;
      return Promise.resolve();
    },
  };
  return { token, grants: () => grants, held: () => held };
}
