// The zip container of an .xlsx: the central directory read first (every part's name, method, sizes),
// parts inflated one at a time with a hard cap on their output, raw parts copied byte for byte into a
// new zip (the marked copy). node:zlib only.
//
// A zip bomb cannot get far: a part is refused from its declared uncompressed size before anything is
// inflated, and inflation itself stops at that size (maxOutputLength), so a lying directory fails too.
import * as zlib from 'node:zlib';
import { UserError } from '../errors';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated */
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  uncompressedSize: number;
  /** offset of the local header */
  localOffset: number;
  /** the central directory record, byte for byte (copied unchanged into a new zip) */
  central: Buffer;
}

export interface ZipArchive {
  buf: Buffer;
  entries: ZipEntry[];
  byName: Map<string, ZipEntry>;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;

function broken(name: string, why: string): UserError {
  return new UserError(`无法读取 ${name}：文件已损坏（${why}），或不是 Excel 工作簿。可在 Excel 中打开后“另存为” .xlsx 再试。`);
}

/** Reads the central directory. `name` is only used in messages. */
export function openZip(buf: Buffer, name: string): ZipArchive {
  // the end of central directory record: within the last 64 KB + 22 bytes
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken(name, '找不到压缩包目录，文件可能不完整');
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (offset === 0xffffffff || count === 0xffff || size === 0xffffffff) {
    // ZIP64: the locator just before the record points at the 64-bit record
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== SIG_LOCATOR64) throw broken(name, '压缩包目录不完整');
    const rec = Number(buf.readBigUInt64LE(loc + 8));
    if (rec < 0 || rec + 56 > buf.length || buf.readUInt32LE(rec) !== SIG_EOCD64) throw broken(name, '压缩包目录不完整');
    count = Number(buf.readBigUInt64LE(rec + 32));
    size = Number(buf.readBigUInt64LE(rec + 40));
    offset = Number(buf.readBigUInt64LE(rec + 48));
  }
  if (offset + size > buf.length) throw broken(name, '文件被截断');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) throw broken(name, '压缩包目录损坏');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > buf.length) throw broken(name, '压缩包目录损坏');
    const entryName = buf.toString('utf8', p + 46, p + 46 + nameLen);
    // ZIP64 extra field: the 64-bit sizes/offset of the fields set to 0xFFFFFFFF, in this order
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (uncompressedSize === 0xffffffff && q + 8 <= x + 4 + len) (uncompressedSize = Number(buf.readBigUInt64LE(q))), (q += 8);
        if (compressedSize === 0xffffffff && q + 8 <= x + 4 + len) (compressedSize = Number(buf.readBigUInt64LE(q))), (q += 8);
        if (localOffset === 0xffffffff && q + 8 <= x + 4 + len) localOffset = Number(buf.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.push({ name: entryName, method, flags, crc, compressedSize, uncompressedSize, localOffset, central: buf.subarray(p, end) });
    p = end;
  }
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) {
    const k = e.name.replace(/\\/g, '/').replace(/^\//, '').toLowerCase();
    // two parts of one name: which one Excel would take is anybody's guess
    if (byName.has(k) && !k.endsWith('/')) throw broken(name, `压缩包中的“${e.name}”出现了两次`);
    byName.set(k, e);
  }
  return { buf, entries, byName };
}

/** The entry for a part name (case-insensitive, as OPC part names are). */
export function entry(zip: ZipArchive, part: string): ZipEntry | undefined {
  return zip.byName.get(part.replace(/^\//, '').toLowerCase());
}

/** Where an entry's compressed data starts, and ends. */
function dataRange(zip: ZipArchive, e: ZipEntry, name: string): { start: number; end: number } {
  const b = zip.buf;
  const h = e.localOffset;
  if (h + 30 > b.length || b.readUInt32LE(h) !== SIG_LOCAL) throw broken(name, `压缩包中的“${e.name}”损坏`);
  const start = h + 30 + b.readUInt16LE(h + 26) + b.readUInt16LE(h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw broken(name, '文件被截断');
  return { start, end };
}

/**
 * A part's bytes, inflated. Refuses a part larger than `maxBytes` from its declared size, and stops
 * inflating at the declared size (a directory that lies gets an error, not a flood of memory).
 */
export function readEntry(zip: ZipArchive, e: ZipEntry, maxBytes: number, name: string, tooBig: (e: ZipEntry) => UserError): Buffer {
  if (e.flags & 1) throw new UserError(`${name} 中的内容已加密，无法读取。请在 Excel 中取消密码后另存一份再试。`);
  if (e.uncompressedSize > maxBytes) throw tooBig(e);
  const { start, end } = dataRange(zip, e, name);
  const raw = zip.buf.subarray(start, end);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw broken(name, `不支持的压缩方式 ${e.method}`);
  try {
    // one byte more than declared: a longer output means the directory lied
    const out = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) });
    if (out.length !== e.uncompressedSize) throw broken(name, `压缩包中“${e.name}”的大小与目录不符`);
    return out;
  } catch (err) {
    if (err instanceof UserError) throw err;
    if ((err as NodeJS.ErrnoException)?.code === 'ERR_BUFFER_TOO_LARGE') throw broken(name, `压缩包中“${e.name}”的大小与目录不符`);
    throw broken(name, `压缩包中的“${e.name}”无法解压`);
  }
}

// ------------------------------------------------------------------------------------------------
// writing: unchanged parts keep their compressed bytes; changed and new parts are deflated

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of buf; `prev` continues the CRC of what came before it. */
export function crc32(buf: Uint8Array, prev = 0): number {
  let c = (prev ^ 0xffffffff) >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A part of the zip to write: an entry copied as it is, new content, or content already deflated (size and crc of the inflated data). */
export type OutPart = { name: string; copy: ZipEntry } | { name: string; data: Buffer } | { name: string; deflated: Buffer; size: number; crc: number };

/** Writes a zip: copied entries keep their local header, data and directory record byte for byte. */
export function writeZip(zip: ZipArchive | undefined, parts: OutPart[], name: string): Buffer {
  const chunks: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const need64 = (n: number) => n >= 0xffffffff;
  for (const part of parts) {
    if ('copy' in part) {
      if (!zip) throw new Error('writeZip: a copied part needs its archive');
      const e = part.copy;
      const { end } = dataRange(zip, e, name);
      // the local header, the data, and a data descriptor if the entry has one (flag bit 3)
      let stop = end;
      if (e.flags & 8) stop = zip.buf.readUInt32LE(end) === 0x08074b50 ? end + 16 : end + 12;
      const local = zip.buf.subarray(e.localOffset, stop);
      if (need64(offset)) throw new UserError(`${name} 太大，无法写入标记副本。`);
      const central = Buffer.from(e.central);
      central.writeUInt32LE(offset, 42);
      chunks.push(local);
      centrals.push(central);
      offset += local.length;
      continue;
    }
    const nameBuf = Buffer.from(part.name, 'utf8');
    const data = 'deflated' in part ? part.deflated : zlib.deflateRawSync(part.data, { level: 6 });
    const crc = 'deflated' in part ? part.crc : crc32(part.data);
    const size = 'deflated' in part ? part.size : part.data.length;
    if (need64(size) || need64(data.length)) throw new UserError(`${name} 太大，无法写入标记副本。`);
    const local = Buffer.alloc(30 + nameBuf.length);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    nameBuf.copy(local, 30);
    const central = Buffer.alloc(46 + nameBuf.length);
    central.writeUInt32LE(SIG_CENTRAL, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    nameBuf.copy(central, 46);
    chunks.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  if (need64(offset + dir.length)) throw new UserError(`${name} 太大，无法写入标记副本。`);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  const many = centrals.length >= 0xffff;
  eocd.writeUInt16LE(many ? 0xffff : centrals.length, 8);
  eocd.writeUInt16LE(many ? 0xffff : centrals.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  if (!many) return Buffer.concat([...chunks, dir, eocd]);
  // more than 65,534 parts: the count is in a ZIP64 end record, found through its locator
  const rec = Buffer.alloc(56 + 20);
  rec.writeUInt32LE(SIG_EOCD64, 0);
  rec.writeBigUInt64LE(44n, 4);
  rec.writeUInt16LE(45, 12);
  rec.writeUInt16LE(45, 14);
  rec.writeBigUInt64LE(BigInt(centrals.length), 24);
  rec.writeBigUInt64LE(BigInt(centrals.length), 32);
  rec.writeBigUInt64LE(BigInt(dir.length), 40);
  rec.writeBigUInt64LE(BigInt(offset), 48);
  rec.writeUInt32LE(SIG_LOCATOR64, 56);
  rec.writeBigUInt64LE(BigInt(offset + dir.length), 64);
  rec.writeUInt32LE(1, 72);
  return Buffer.concat([...chunks, dir, rec, eocd]);
}
