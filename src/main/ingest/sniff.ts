/** What a file's first bytes say it is, whatever its extension claims. */
export type Container = 'empty' | 'zip' | 'cfb' | 'html' | 'xml' | 'text' | 'binary';

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const ZIP_EMPTY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** Decodes the head of a text file, honouring a UTF-8 or UTF-16 byte order mark. */
export function decodeHead(buf: Buffer, bytes = 2048): string {
  const head = buf.subarray(0, bytes);
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return head.subarray(3).toString('utf8');
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  return head.toString('latin1');
}

export function sniff(buf: Buffer): Container {
  if (buf.length === 0) return 'empty';
  if (buf.subarray(0, 4).equals(ZIP) || buf.subarray(0, 4).equals(ZIP_EMPTY)) return 'zip';
  if (buf.subarray(0, 8).equals(CFB)) return 'cfb';
  const head = decodeHead(buf).trimStart().toLowerCase();
  if (head.length === 0) return 'empty';
  if (/^<!doctype html|^<html|<html[\s>]|<body[\s>]|<table[\s>]/.test(head)) return 'html';
  if (head.startsWith('<')) return 'xml';
  return head.includes('\u0000') ? 'binary' : 'text';
}

/** A zip archive ends with its whole end-of-central-directory record (22 bytes + comment). */
export function zipLooksComplete(buf: Buffer): boolean {
  const tailStart = Math.max(0, buf.length - 65_557);
  const at = buf.subarray(tailStart).lastIndexOf(ZIP_EMPTY);
  if (at === -1 || tailStart + at + 22 > buf.length) return false;
  const end = tailStart + at;
  return end + 22 + buf.readUInt16LE(end + 20) === buf.length;
}

/** A compound file (Excel 97 .xls) is a whole number of 512-byte sectors. */
export function cfbLooksComplete(buf: Buffer): boolean {
  return buf.length >= 1024 && buf.length % 512 === 0;
}
