import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryFolder } from '../../lib/dsp/test-support/tools';
import { detectFormat } from './detect-format';
import { save } from './test-support/fixtures';
import { expectIngestError } from './test-support/ingest-helpers';

let folder: { path: string; remove: () => void };
beforeAll(() => (folder = temporaryFolder('mixroom-detect-')));
afterAll(() => folder.remove());

describe('format detection from the first bytes', () => {
  const notAudio: Array<[string, Buffer, string]> = [
    ['an HTML page named .wav', Buffer.from('<!DOCTYPE html>\n<html><body>404 Not Found</body></html>'), 'looks like HTML'],
    ['an HTML page with a BOM and whitespace', Buffer.from('\uFEFF  \n<html lang="en">'), 'looks like HTML'],
    ['JSON', Buffer.from('{"error":"unauthorized"}'), 'looks like JSON'],
    ['ZIP', Buffer.from('504b0304140000000800', 'hex'), 'looks like ZIP'],
    ['PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'looks like PNG'],
    ['PDF', Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3', 'latin1'), 'looks like PDF'],
    ['Ogg', Buffer.from('OggS\x00\x02\x00\x00', 'latin1'), 'looks like Ogg'],
    ['M4A', Buffer.from('\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00', 'latin1'), 'looks like MP4/M4A/AAC'],
    ['an AVI (RIFF but not WAVE)', Buffer.from('RIFF\x10\x00\x00\x00AVI LIST', 'latin1'), "looks like a RIFF file of type 'AVI ', not WAVE"],
    ['random bytes', Buffer.from('00ff13a7c20081fe9a', 'hex'), 'its first bytes match none of WAV, AIFF, FLAC or MP3'],
  ];
  for (const [name, bytes, description] of notAudio) {
    it(`rejects ${name} with 415 saying what it looks like`, async () => {
      await expectIngestError(folder.path, save(folder.path, 'upload.wav', bytes), 'unsupported_media_type', `not an audio file we can read: ${description}`);
      expect(() => detectFormat(bytes)).toThrow(/\(detected from its first bytes\)$/);
    });
  }

  it('rejects an empty file with 422', async () => {
    await expectIngestError(folder.path, save(folder.path, 'empty.wav', Buffer.alloc(0)), 'unprocessable', 'the file is empty (0 bytes)');
  });

  it('recognises each format by its magic, whatever the name', () => {
    expect(detectFormat(Buffer.from('RIFF\x00\x00\x00\x00WAVEfmt ', 'latin1'))).toBe('wav');
    expect(detectFormat(Buffer.from('RF64\xff\xff\xff\xffWAVEds64', 'latin1'))).toBe('wav');
    expect(detectFormat(Buffer.from('FORM\x00\x00\x00\x00AIFFCOMM', 'latin1'))).toBe('aiff');
    expect(detectFormat(Buffer.from('FORM\x00\x00\x00\x00AIFCFVER', 'latin1'))).toBe('aiff');
    expect(detectFormat(Buffer.from('fLaC\x00\x00\x00\x22', 'latin1'))).toBe('flac');
    expect(detectFormat(Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'))).toBe('mp3');
    expect(detectFormat(Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'), Buffer.from('fLaC'))).toBe('flac');
    // Two chained MPEG-1 layer III frames (128 kbps, 44.1 kHz: 417 bytes each).
    const frames = Buffer.alloc(417 * 2 + 4);
    for (const at of [0, 417, 834]) Buffer.from('fffb9064', 'hex').copy(frames, at);
    expect(detectFormat(frames)).toBe('mp3');
  });

  it('does not take a lone frame-sync-like header for MP3', () => {
    const bytes = Buffer.alloc(2000, 0x11);
    Buffer.from('fffb9064', 'hex').copy(bytes, 0);
    expect(() => detectFormat(bytes)).toThrow(/not an audio file we can read/);
  });
});
