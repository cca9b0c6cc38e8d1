// Text matching shared by every profile: normalisation of cell texts, list ordinals, exact-label patterns.

/** Anything norm() would change; most cell texts have none of it and are returned as they are. */
const NORM_NEEDED = /[\s\u00a0\u3000(（)）“”"'‘’「」『』:：]|单位预算|政府基金|上解上级/;

/** Normalises text for matching: no whitespace, full-width punctuation unified, variant words folded. */
export function norm(s: string): string {
  if (!NORM_NEEDED.test(s)) return s;
  return s
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/[(（]/g, '（')
    .replace(/[)）]/g, '）')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/[:：]/g, '：')
    .replace(/单位预算/g, '部门预算')
    .replace(/政府基金/g, '政府性基金')
    .replace(/上解上级/g, '上缴上级');
}

/** First characters any ordinal pattern of stripOrdinal can start with. */
const ORDINAL_START = /^(其中|第|[一二三四五六七八九十百]|（|\d)/;

/** Strips list ordinals: '一、' '（一）' '1.' '1、' '其中：' and the like. */
export function stripOrdinal(s: string): string {
  let t = norm(s);
  if (!ORDINAL_START.test(t)) return t;
  for (;;) {
    const before = t;
    t = t
      .replace(/^其中[：:]?/, '')
      .replace(/^第?[一二三四五六七八九十百]+[、.．]/, '')
      .replace(/^（[一二三四五六七八九十\d]+）[、.．]?/, '')
      .replace(/^\d+[、.．](?!\d)/, '');
    if (t === before) return t;
  }
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Patterns matching exactly these labels (normalised, ordinal stripped). */
export const exact = (...labels: string[]): RegExp[] => labels.map((l) => new RegExp('^' + escapeRe(norm(l)) + '$'));

const CN_ORD = [
  '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
  '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十',
  '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七', '二十八', '二十九', '三十',
];

export function chineseOrdinal(i: number): string {
  return CN_ORD[i] ?? String(i + 1);
}
