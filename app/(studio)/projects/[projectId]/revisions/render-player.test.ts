import { describe, expect, it } from 'vitest';
import { FakeAudio, ManualFrames } from './player-test-support';
import { PlayerGroup, RenderPlayer, type RenderPlayerOptions } from './render-player';

function player(options: Partial<RenderPlayerOptions> = {}) {
  const audios: FakeAudio[] = [];
  const frames = new ManualFrames();
  const p = new RenderPlayer({
    url: '/api/revisions/r1/renders/mix',
    durationSec: 80,
    frames,
    createAudio: () => {
      const a = new FakeAudio();
      audios.push(a);
      return a;
    },
    ...options,
  });
  return { p, audios, frames };
}

describe('RenderPlayer', () => {
  it('loads nothing until played, then plays the render\'s URL and moves the playhead every frame until paused', async () => {
    const { p, audios, frames } = player();
    expect(audios).toHaveLength(0);
    await p.play();
    expect(audios).toHaveLength(1);
    const audio = audios[0];
    expect(audio.src).toBe('/api/revisions/r1/renders/mix');
    expect(p.snapshot).toMatchObject({ playing: true, waiting: true });
    audio.fire('playing');
    expect(p.snapshot).toMatchObject({ playing: true, waiting: false });
    audio.currentTime = 1.5;
    frames.run();
    expect(p.snapshot.timeSec).toBe(1.5);
    audio.currentTime = 2.25;
    frames.run();
    expect(p.snapshot.timeSec).toBe(2.25);
    p.pause();
    expect(audio.paused).toBe(true);
    expect(p.snapshot).toMatchObject({ playing: false, timeSec: 2.25 });
    expect(frames.pending.size).toBe(0);
  });

  it('seeks within the render, before playing too, and takes the file\'s own length once known', () => {
    const { p, audios } = player();
    p.seek(30);
    expect(audios[0].currentTime).toBe(30);
    expect(p.snapshot.timeSec).toBe(30);
    p.seek(500);
    expect(p.snapshot.timeSec).toBe(80);
    p.seek(-3);
    expect(p.snapshot.timeSec).toBe(0);
    audios[0].duration = 79.5;
    audios[0].fire('durationchange');
    expect(p.snapshot.durationSec).toBe(79.5);
  });

  it('lets one player of a group play at a time: starting another pauses the first', async () => {
    const group = new PlayerGroup();
    const a = player({ group });
    const b = player({ group });
    await a.p.play();
    a.audios[0].fire('playing');
    await b.p.play();
    expect(a.audios[0].paused).toBe(true);
    expect(a.p.snapshot.playing).toBe(false);
    expect(b.p.snapshot.playing).toBe(true);
  });

  it('stops at the end, and says why when the render cannot be played', async () => {
    const { p, audios } = player();
    await p.play();
    audios[0].fire('playing');
    audios[0].fire('ended');
    expect(p.snapshot).toMatchObject({ playing: false, timeSec: 80 });
    audios[0].error = { code: 2 };
    audios[0].fire('error');
    expect(p.snapshot.error).toBe('the network failed while loading the render');
  });

  it('reports a refused play() (autoplay rules) and stops waiting', async () => {
    const { p, audios } = player({
      createAudio: () => {
        const a = new FakeAudio();
        a.play = function (this: FakeAudio) {
          return Promise.reject(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
        };
        audios.push(a);
        return a;
      },
    });
    await p.play();
    expect(p.snapshot).toMatchObject({ playing: false, waiting: false, error: 'the browser did not allow playback: click Play again' });
  });

  it('destroy pauses, stops the frames, drops the audio and its listeners, and tells nobody', async () => {
    const { p, audios, frames } = player();
    await p.play();
    audios[0].fire('playing');
    let told = 0;
    p.subscribe(() => told++);
    p.destroy();
    expect(audios[0].paused).toBe(true);
    expect(audios[0].attributesRemoved).toContain('src');
    expect(audios[0].listenerCount).toBe(0);
    expect(frames.pending.size).toBe(0);
    expect(told).toBe(0);
  });
});
