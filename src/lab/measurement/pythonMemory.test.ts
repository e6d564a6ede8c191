import { describe, expect, it } from 'vitest';
import { ASSUMED_DEVICE_GB, PYTHON_MB_PER_INTERPRETER, pythonCapInWords, pythonWorkerCap, reportedDeviceGb } from './pythonMemory';

describe('reportedDeviceGb', () => {
  it('takes a positive number of GB, and nothing else', () => {
    expect(reportedDeviceGb(8)).toBe(8);
    expect(reportedDeviceGb(0.25)).toBe(0.25);
    for (const garbage of [undefined, null, 0, -4, Number.NaN, Number.POSITIVE_INFINITY, '8']) expect(reportedDeviceGb(garbage)).toBeNull();
  });
});

describe('pythonWorkerCap', () => {
  it('gives the interpreters half the reported memory, within the slider', () => {
    // 2 GB: 1,024 MB for interpreters of 100 MB each holds 10.
    expect(pythonWorkerCap(2, 64, 100)).toEqual({ maxWorkers: 10, reportedGb: 2, deviceGb: 2, mbPerInterpreter: 100 });
    expect(pythonWorkerCap(8, 16, 100).maxWorkers).toBe(16);
    expect(pythonWorkerCap(8, 64, 100).maxWorkers).toBe(40);
  });

  it('keeps at least one worker, however little memory the device reports', () => {
    expect(pythonWorkerCap(0.25, 8, 400).maxWorkers).toBe(1);
    expect(pythonWorkerCap(0.25, 8, 40).maxWorkers).toBe(3);
  });

  it('assumes a modest device where the browser reports no memory', () => {
    const cap = pythonWorkerCap(undefined, 1024);
    expect(cap.reportedGb).toBeNull();
    expect(cap.deviceGb).toBe(ASSUMED_DEVICE_GB);
    expect(cap.maxWorkers).toBe(Math.floor((ASSUMED_DEVICE_GB * 512) / PYTHON_MB_PER_INTERPRETER));
  });
});

describe('pythonCapInWords', () => {
  it('says the cap, what one interpreter holds and the memory reported', () => {
    expect(pythonCapInWords(pythonWorkerCap(2, 16, 80), 16)).toBe('Python: at most 12 workers here, each interpreter holds about 80 MB and this device reports 2 GB.');
    expect(pythonCapInWords(pythonWorkerCap(0.25, 16, 400), 16)).toBe('Python: at most 1 worker here, each interpreter holds about 400 MB and this device reports 0.25 GB.');
  });

  it('says when the slider’s top is the cap, and when the memory was assumed', () => {
    expect(pythonCapInWords(pythonWorkerCap(8, 8, 40), 8)).toBe('Python: up to 8 workers, the slider’s top, each interpreter holds about 40 MB and this device reports 8 GB.');
    expect(pythonCapInWords(pythonWorkerCap(undefined, 64, 40), 64)).toBe(
      'Python: at most 25 workers here, each interpreter holds about 40 MB and this browser does not report its memory, so the page assumes 2 GB.',
    );
  });
});
