import { describe, expect, it } from 'vitest';
import { browserName, coresNote, formatResolution, timerResolutionMs } from './machine';

describe('browserName', () => {
  it('names the browsers of school laptops, Chromebooks and iPads', () => {
    expect(browserName('Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe(
      'Chrome 156 on a Chromebook',
    );
    expect(browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36')).toBe('Chrome 156');
    expect(browserName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36 Edg/156.0.0.0')).toBe('Edge 156');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0')).toBe('Firefox 140');
    expect(browserName('Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1')).toBe('Safari 18 on iPad');
    const mac = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.4 Safari/605.1.15';
    expect(browserName(mac, 0)).toBe('Safari 18');
    // iPadOS asks for desktop sites as a Mac; only its touch screen tells it apart.
    expect(browserName(mac, 5)).toBe('Safari 18 on iPad');
    expect(browserName('Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1')).toBe(
      'Chrome 131 on iPad (Safari’s engine)',
    );
    // Seen in the issue: WebKitGTK 2.50 says "Version/60.5", which the page showed as "Safari 60".
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/60.5 Safari/605.1.15')).toBe('WebKitGTK (Safari’s engine)');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0')).toBe('Firefox 153');
    expect(browserName('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36')).toBe('Chrome 156');
    expect(browserName('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36')).toBe('Chromium (headless) 156');
    expect(browserName('')).toBe('this browser');
  });
});

describe('timerResolutionMs', () => {
  it('is the smallest step of a clock that moved', () => {
    expect(timerResolutionMs([0, 0, 0.1, 0.1, 0.2, 0.4])).toBeCloseTo(0.1, 12);
    expect(timerResolutionMs([5, 5, 5])).toBeNull();
    expect(timerResolutionMs([])).toBeNull();
  });
  it('reads for people', () => {
    expect(formatResolution(0.005)).toBe('5 µs');
    expect(formatResolution(0.1)).toBe('0.1 ms');
    expect(formatResolution(1)).toBe('1 ms');
  });
});

describe('coresNote', () => {
  it('says nothing when the sweep agrees with the browser', () => {
    expect(coresNote(4, 4)).toBeNull();
    expect(coresNote(4, null)).toBeNull();
  });
  it('explains fewer or more measured cores', () => {
    expect(coresNote(8, 4)).toContain('hyper-threads');
    expect(coresNote(2, 4)).toContain('clamp');
    expect(coresNote(null, 3)).toContain('about 3');
  });
});
