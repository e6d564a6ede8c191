/** What the cross-engine checks leave in the page (sent as source text, so declared here for the type-checker). */
export interface WorkerWatchState {
  /** Workers constructed since the watch was installed. */
  created: number;
  /** terminate() calls on them. */
  terminated: number;
  /** Workers constructed and not yet terminated. */
  live: number;
  /** The most that were live at once since the last reset. */
  mostLive: number;
}

declare global {
  interface Window {
    /** WebKit's stand-in for console and error events, which its WebDriver cannot report. */
    __engineProblems?: string[];
    /** WebKit: URLs the page's Content-Security-Policy stopped, which Resource Timing never lists. */
    __engineBlocked?: string[];
    __workerWatch?: WorkerWatchState;
  }
}
