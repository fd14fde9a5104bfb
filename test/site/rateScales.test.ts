// The scales every article page carries for its Rate control: compact, and read back exactly.
import { describe, expect, it } from 'vitest';
import type { ScaleChoice } from '../../src/lib/site/views/deskView.ts';
import { packRateScales, unpackRateScales } from '../../src/lib/site/views/rateScales.ts';

const scales: ScaleChoice[] = [
  { id: 'newsworthy', name: 'Newsworthy', description: 'How much this matters now', min: 1, max: 3, neutral: 2, values: [{ value: 1, label: '1' }, { value: 2, label: '2' }, { value: 3, label: '3 (essential)' }] },
  { id: 'odd', name: 'Odd </script> name', description: 'A "quoted" <b>description</b>', min: -1, max: 1, neutral: 0, values: [{ value: -1, label: '-1' }, { value: -0.5, label: '-0.5' }, { value: 0.13, label: '0.13' }] },
];

describe('packRateScales', () => {
  it('writes a value whose label is its number as the bare number, and escapes < so nothing closes the script element', () => {
    expect(packRateScales(scales)).toBe(
      '[["newsworthy","Newsworthy","How much this matters now",2,[1,2,[3,"3 (essential)"]]],' +
        '["odd","Odd \\u003c/script> name","A \\"quoted\\" \\u003cb>description\\u003c/b>",0,[-1,-0.5,0.13]]]',
    );
  });

  it('reads back every scale the control shows, and nothing from text that is not its own', () => {
    expect(unpackRateScales(packRateScales(scales))).toEqual([
      { id: 'newsworthy', name: 'Newsworthy', description: 'How much this matters now', neutral: 2, values: [{ value: 1, label: '1' }, { value: 2, label: '2' }, { value: 3, label: '3 (essential)' }] },
      { id: 'odd', name: 'Odd </script> name', description: 'A "quoted" <b>description</b>', neutral: 0, values: [{ value: -1, label: '-1' }, { value: -0.5, label: '-0.5' }, { value: 0.13, label: '0.13' }] },
    ]);
    expect(unpackRateScales('')).toEqual([]);
    expect(unpackRateScales('{"a":1}')).toEqual([]);
  });
});
