import { describe, expect, it } from 'vitest';
import { countSmsSegments } from '../src/messaging.ts';

// The figures below are what Twilio's segment calculator and the GSM 03.38 / 3GPP TS 23.040 rules give:
// one GSM-7 segment holds 160 septets, a concatenated one 153 (the 6-byte UDH takes 7 septets); one UCS-2
// segment 70 UTF-16 units, a concatenated one 67.
const a = (n: number) => 'a'.repeat(n);
const zhe = (n: number) => 'ж'.repeat(n); // Cyrillic: not in GSM-7, one UTF-16 unit
const EMOJI = '😀'; // a surrogate pair: two UTF-16 units

describe('countSmsSegments (GSM-7)', () => {
  it('fits 160 GSM characters in one segment and needs two for 161', () => {
    expect(countSmsSegments(a(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1, perSegment: 160, remaining: 0 });
    expect(countSmsSegments(a(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2, perSegment: 153, remaining: 145 });
  });

  it('packs 153 septets per concatenated segment: 306 is two, 307 three, 459 three, 460 four', () => {
    expect(countSmsSegments(a(306)).segments).toBe(2);
    expect(countSmsSegments(a(306)).remaining).toBe(0);
    expect(countSmsSegments(a(307)).segments).toBe(3);
    expect(countSmsSegments(a(459)).segments).toBe(3);
    expect(countSmsSegments(a(460)).segments).toBe(4);
  });

  it('counts an empty message as no segment, and one character as one', () => {
    expect(countSmsSegments('')).toMatchObject({ segments: 0, units: 0, remaining: 160 });
    expect(countSmsSegments('x')).toMatchObject({ segments: 1, units: 1, remaining: 159 });
  });

  it('counts each extension-table character (€ [ ] { } \\ ^ ~ | form feed) as two septets', () => {
    for (const ch of ['€', '[', ']', '{', '}', '\\', '^', '~', '|', '\f']) {
      expect(countSmsSegments(ch), ch).toMatchObject({ encoding: 'GSM-7', units: 2 });
    }
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ units: 160, segments: 1, remaining: 0 });
    expect(countSmsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
    expect(countSmsSegments(a(159) + '€')).toMatchObject({ units: 161, segments: 2 });
  });

  it('keeps the basic-table accents and symbols in GSM-7 (é è ù ì ò Ç Ø Å Δ Φ £ ¥ § ¿ ¡ Ñ ü ß, LF, CR)', () => {
    const basic = 'éèùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉ£¥§¿¡ÑñÜüÄäÖöà@$_!"#¤%&\'()*+,-./:;<=>?\n\r ';
    expect(countSmsSegments(basic)).toMatchObject({ encoding: 'GSM-7', units: [...basic].length });
  });

  it('holds the full GSM 03.38 basic table: 128 characters of one septet each (ESC aside, it is 127 printable)', () => {
    const table =
      '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
    expect([...table]).toHaveLength(128);
    expect(countSmsSegments(table)).toMatchObject({ encoding: 'GSM-7', units: 128, segments: 1 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 + € (2) + 152 = 306 septets: a naive ceil(306 / 153) says 2, but € cannot start at septet 153 of
    // the first segment, so it moves to the second, which then holds 2 + 152 = 154 > 153: three segments.
    expect(countSmsSegments(a(152) + '€' + a(152))).toMatchObject({ encoding: 'GSM-7', units: 306, segments: 3 });
    // 151 + € = 153 fills the first segment exactly.
    expect(countSmsSegments(a(151) + '€' + a(153))).toMatchObject({ units: 306, segments: 2, remaining: 0 });
  });
});

describe('countSmsSegments (UCS-2)', () => {
  it('fits 70 UCS-2 units in one segment and needs two for 71', () => {
    expect(countSmsSegments(zhe(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1, perSegment: 70, remaining: 0 });
    expect(countSmsSegments(zhe(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2, perSegment: 67, remaining: 63 });
  });

  it('packs 67 units per concatenated segment: 134 is two, 135 three', () => {
    expect(countSmsSegments(zhe(134))).toMatchObject({ segments: 2, remaining: 0 });
    expect(countSmsSegments(zhe(135))).toMatchObject({ segments: 3 });
  });

  it('switches the whole message to UCS-2 for one character outside GSM-7', () => {
    expect(countSmsSegments(a(159) + 'ж')).toMatchObject({ encoding: 'UCS-2', units: 160, segments: 3 });
    // a typographic apostrophe, a non-breaking space, and á (not in the GSM table) are UCS-2 too
    expect(countSmsSegments('It’s').encoding).toBe('UCS-2');
    expect(countSmsSegments('a\u00a0b').encoding).toBe('UCS-2');
    expect(countSmsSegments('á').encoding).toBe('UCS-2');
  });

  it('counts an emoji as two units', () => {
    expect(countSmsSegments(EMOJI)).toMatchObject({ encoding: 'UCS-2', units: 2, segments: 1, remaining: 68 });
    expect(countSmsSegments(EMOJI.repeat(35))).toMatchObject({ units: 70, segments: 1 });
    expect(countSmsSegments(EMOJI.repeat(36))).toMatchObject({ units: 72, segments: 2 });
    expect(countSmsSegments('Hi ' + EMOJI)).toMatchObject({ encoding: 'UCS-2', units: 5 });
  });

  it('never splits a surrogate pair across segments', () => {
    // 66 + 2 + 66 = 134 units: naively two segments of 67, but the emoji cannot take units 67-68.
    expect(countSmsSegments(zhe(66) + EMOJI + zhe(66))).toMatchObject({ units: 134, segments: 3 });
    expect(countSmsSegments(zhe(65) + EMOJI + zhe(67))).toMatchObject({ units: 134, segments: 2, remaining: 0 });
  });
});
