/** How long a download's object URL is kept: revoked at once, Firefox and Safari can cancel the download before it reads the Blob. */
const REVOKE_AFTER_MS = 10_000;

/**
 * Saves `blob` as `fileName` through a temporary <a download>: no server, no
 * new tab; the object URL is revoked once the browser has had time to read it.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, REVOKE_AFTER_MS);
}

/** Saves text as a file of type `type` (UTF-8). */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type: `${type};charset=utf-8` }), fileName);
}
