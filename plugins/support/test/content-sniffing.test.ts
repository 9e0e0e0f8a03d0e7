import { describe, expect, it } from 'vitest';
import { attachmentDisposition, checkAttachment, filenameProblem, sniffContentType } from '../src/attachments/content-sniffing.ts';

describe('attachment content sniffing', () => {
  it('recognises each accepted type from its magic bytes', () => {
    expect(sniffContentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1]))).toBe('image/png');
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(Buffer.from('GIF89a...'))).toBe('image/gif');
    expect(sniffContentType(Buffer.from('RIFF\x00\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('image/webp');
    expect(sniffContentType(Buffer.from('%PDF-1.4'))).toBe('application/pdf');
    expect(sniffContentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]))).toBe('application/zip');
    expect(sniffContentType(Buffer.from([0x1f, 0x8b, 8]))).toBe('application/gzip');
    expect(sniffContentType(Buffer.from('plain text, ünïcode\n\ttabs'))).toBe('text/plain');
  });

  it('recognises nothing else: executables, binary, invalid UTF-8, empty', () => {
    expect(sniffContentType(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(sniffContentType(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))).toBeNull();
    expect(sniffContentType(Buffer.from([0xc3, 0x28]))).toBeNull();
    expect(sniffContentType(Buffer.from('a\u0000b'))).toBeNull();
    expect(sniffContentType(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a lying extension, an unknown extension and unknown content', () => {
    expect(checkAttachment('report.pdf', Buffer.from('%PDF-1.4'))).toEqual({ ok: true, contentType: 'application/pdf' });
    expect(checkAttachment('REPORT.PDF', Buffer.from('%PDF-1.4'))).toMatchObject({ ok: true });
    expect(checkAttachment('photo.jpg', Buffer.from('%PDF-1.4'))).toMatchObject({ ok: false, code: 'attachment_type_mismatch', field: 'filename' });
    expect(checkAttachment('notes.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatchObject({ ok: false, code: 'attachment_type_mismatch' });
    expect(checkAttachment('page.html', Buffer.from('<html>'))).toMatchObject({ ok: false, code: 'attachment_type_not_allowed', field: 'filename' });
    expect(checkAttachment('noext', Buffer.from('hello'))).toMatchObject({ ok: false, field: 'filename' });
    expect(checkAttachment('tool.zip', Buffer.from('MZ\x90\x00', 'latin1'))).toMatchObject({ ok: false, code: 'attachment_type_not_allowed', field: 'file' });
  });

  it('checks names and writes a safe Content-Disposition', () => {
    expect(filenameProblem('ok name.png')).toBeNull();
    expect(filenameProblem('a/b.png')).not.toBeNull();
    expect(filenameProblem('a\\b.png')).not.toBeNull();
    expect(filenameProblem('a\nb.png')).not.toBeNull();
    expect(filenameProblem('x'.repeat(256))).not.toBeNull();
    expect(attachmentDisposition('say "hi".txt')).toBe(`attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`);
  });
});
