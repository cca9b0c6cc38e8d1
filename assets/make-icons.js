#!/usr/bin/env node
// Generates the ribbon/manifest icons (16/32/64/80 px PNG): a green rounded tile with a white table
// and a check mark. Plain node + zlib, no dependencies. Run: node assets/make-icons.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(x, y);
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = r; raw[o + 1] = g; raw[o + 2] = b; raw[o + 3] = a;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const GREEN = [33, 115, 70];
const WHITE = [255, 255, 255];
const LIGHT = [200, 230, 212];
const ORANGE = [255, 185, 0];

// coverage by 4x4 supersampling of a shape function in unit coordinates
function icon(size) {
  const shape = (u, v) => {
    const rr = 0.16; // corner radius
    const inside = (() => {
      const cx = Math.min(Math.max(u, rr), 1 - rr);
      const cy = Math.min(Math.max(v, rr), 1 - rr);
      return (u - cx) ** 2 + (v - cy) ** 2 <= rr * rr;
    })();
    if (!inside) return null;
    // check badge bottom-right
    const bx = 0.72, by = 0.72, br = 0.2;
    const db = Math.hypot(u - bx, v - by);
    if (db <= br) {
      // check mark strokes
      const d1 = distSeg(u, v, 0.62, 0.72, 0.69, 0.79);
      const d2 = distSeg(u, v, 0.69, 0.79, 0.82, 0.64);
      return Math.min(d1, d2) < 0.035 ? WHITE : ORANGE;
    }
    if (db <= br + 0.04) return GREEN;
    // table: white sheet with header band and grid lines
    if (u >= 0.18 && u <= 0.82 && v >= 0.2 && v <= 0.8) {
      if (v <= 0.34) return LIGHT;
      const lineW = 0.045;
      const cols = [0.18, 0.4, 0.61, 0.82];
      const rows = [0.34, 0.49, 0.65, 0.8];
      if (cols.some((c) => Math.abs(u - c) < lineW / 2) || rows.some((r) => Math.abs(v - r) < lineW / 2)) return LIGHT;
      return WHITE;
    }
    return GREEN;
  };
  return png(size, (x, y) => {
    const acc = [0, 0, 0, 0];
    const n = 4;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
      const c = shape((x + (i + 0.5) / n) / size, (y + (j + 0.5) / n) / size);
      if (c) { acc[0] += c[0]; acc[1] += c[1]; acc[2] += c[2]; acc[3] += 255; }
    }
    const k = acc[3] / 255;
    return k === 0 ? [0, 0, 0, 0] : [Math.round(acc[0] / k), Math.round(acc[1] / k), Math.round(acc[2] / k), Math.round(acc[3] / (n * n))];
  });
}
function distSeg(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

for (const s of [16, 32, 64, 80, 128]) fs.writeFileSync(path.join(__dirname, `icon-${s}.png`), icon(s));
console.log('icons written to', __dirname);
