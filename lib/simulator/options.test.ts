import { describe, expect, it } from 'vitest';
import { parseSimulatorArgs } from './options';

describe('parseSimulatorArgs', () => {
  it('gives a pleasant demo by default: 50 devices, no failures, progress every second or so', () => {
    const o = parseSimulatorArgs([]);
    expect(o).toMatchObject({ devices: 50, seed: 1, behaviour: { offlineShare: 0, dropShare: 0 } });
    if (o === 'help') throw new Error('unexpected');
    expect(Object.values(o.behaviour.failureRates).every((r) => r === 0)).toBe(true);
    expect(o.behaviour.stepDelayMs.min).toBeGreaterThan(0);
  });

  it('reads failure rates, delays, offline share and the seed', () => {
    const o = parseSimulatorArgs(
      '--devices 200 --db /tmp/x.sqlite --product smart-meter --seed 9 --fail-download 0.1 --fail-verify 0.05 --fail-flash 0.05 --reject 0.02 --silent 0.03 --step-delay 100 --offline 0.2 --reconnect-after 4000 --drop 0.1 --downloads 50 --fail-devices mtr-0001=flash,mtr-0002=silent'.split(
        ' ',
      ),
    );
    expect(o).toEqual({
      devices: 200,
      ouName: undefined,
      productKey: 'smart-meter',
      brokerUrl: undefined,
      databaseFile: '/tmp/x.sqlite',
      seed: 9,
      downloadConcurrency: 50,
      behaviour: {
        failureRates: { download: 0.1, verify: 0.05, flash: 0.05, reject: 0.02, silent: 0.03 },
        stepDelayMs: { min: 50, max: 150 },
        offlineShare: 0.2,
        reconnectAfterMs: { min: 2000, max: 6000 },
        dropShare: 0.1,
        fixedOutcomes: { 'mtr-0001': 'flash', 'mtr-0002': 'silent' },
      },
    });
  });

  it('reads the Device Request mode and the watch for new devices', () => {
    const o = parseSimulatorArgs(['--request-every', '500', '--request-devices', 'inv-0001, ask-*', '--request-only', '--watch', '1000']);
    expect(o).toMatchObject({ requests: { everyMs: 500, devices: ['inv-0001', 'ask-*'], only: true }, watchMs: 1000 });
    // Without a list, every device asks; without the options, none does and nothing is watched.
    expect(parseSimulatorArgs(['--request-every', '2000'])).toMatchObject({ requests: { everyMs: 2000, devices: ['*'], only: false } });
    expect(parseSimulatorArgs([])).toMatchObject({ requests: undefined, watchMs: undefined });
  });

  it.each([
    [['--request-devices', 'ask-*'], 'need --request-every'],
    [['--request-only'], 'need --request-every'],
    [['--request-every', '10'], '--request-every'],
    [['--watch', 'soon'], '--watch'],
    [['--devices', '0'], '--devices'],
    [['--fail-flash', '1.5'], '--fail-flash'],
    [['--drop', '-0.1'], '--drop'],
    [['--drop', 'often'], '--drop'],
    [['--fail-flash', '0.6', '--reject', '0.6'], 'add up to more than 1'],
    [['--url', 'not a url'], '--url'],
    [['--fail-devices', 'mtr-0001=explode'], 'mtr-0001=explode'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSimulatorArgs(argv)).toThrow(message);
  });

  it('refuses unknown options and answers --help', () => {
    expect(() => parseSimulatorArgs(['--bogus', '1'])).toThrow();
    expect(parseSimulatorArgs(['--help'])).toBe('help');
  });
});
