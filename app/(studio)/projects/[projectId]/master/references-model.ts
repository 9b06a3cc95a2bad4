import type { ReferenceTrackDto } from '../../../../../lib/api/dto';
import { fetchStemAudio } from '../../../../../lib/audio/engine/fetch-stem';
import { averageSpectrum } from '../../../../../lib/dsp/average-spectrum';
import { api } from '../../../../_lib/api';
import { StoreBase } from '../common/store';
import type { Playback } from '../transport/playback';

export interface ReferencesState {
  list: ReferenceTrackDto[];
  /** The last request's failure, in words. */
  error: string | null;
  uploading: { name: string; fraction: number } | null;
  /** The reference in the engine (heard with the monitor's Reference side), and its state. */
  selectedId: string | null;
  loading: boolean;
  /** The selected reference's average spectrum (lib/dsp averageSpectrum). */
  spectrum: Float64Array | null;
}

/** The gain that plays a reference at `toLufs` (clamped: a quiet reference is not blown up). */
export function referenceGainDb(referenceLufs: number | null, toLufs: number | null): number {
  if (referenceLufs === null || toLufs === null || !Number.isFinite(toLufs)) return 0;
  return Math.max(-30, Math.min(12, toLufs - referenceLufs));
}

/**
 * A project's reference tracks in the page: the list, upload (the file as the body, like a stem)
 * and delete, and the one selected for listening: its canonical audio loaded into the worklet (the
 * monitor's reference side plays it at the playhead's relative position) and its average spectrum.
 */
export class ReferencesModel extends StoreBase<ReferencesState> {
  private destroyed = false;
  private selection = 0;

  constructor(
    private readonly projectId: string,
    private readonly playback: Playback,
  ) {
    super({ list: [], error: null, uploading: null, selectedId: null, loading: false, spectrum: null });
    void this.refresh();
  }

  private patch(p: Partial<ReferencesState>): void {
    if (!this.destroyed) this.setSnapshot({ ...this.snapshot, ...p });
  }

  async refresh(): Promise<void> {
    try {
      const { references } = await api<{ references: ReferenceTrackDto[] }>(`/api/projects/${this.projectId}/references`);
      this.patch({ list: references, selectedId: references.some((r) => r.id === this.snapshot.selectedId) ? this.snapshot.selectedId : null });
    } catch (err) {
      this.patch({ error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Uploads a file as a reference; resolves when it is listed (or failed, with `error` set). */
  upload(file: File): Promise<void> {
    this.patch({ uploading: { name: file.name, fraction: 0 }, error: null });
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/api/projects/${this.projectId}/references`);
      xhr.setRequestHeader('x-filename', encodeURIComponent(file.name));
      xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
      xhr.upload.onprogress = (e) => e.lengthComputable && this.patch({ uploading: { name: file.name, fraction: e.loaded / e.total } });
      xhr.onload = async () => {
        if (xhr.status === 201) {
          this.patch({ uploading: null });
          await this.refresh();
        } else {
          let message = `the server answered ${xhr.status}`;
          try {
            message = (JSON.parse(xhr.responseText) as { error: { message: string } }).error.message;
          } catch {
            // not JSON
          }
          this.patch({ uploading: null, error: message });
        }
        resolve();
      };
      xhr.onerror = () => {
        this.patch({ uploading: null, error: 'the upload failed: no answer from the server' });
        resolve();
      };
      xhr.send(file);
    });
  }

  async remove(id: string): Promise<void> {
    try {
      await api(`/api/references/${id}`, { method: 'DELETE' });
      if (this.snapshot.selectedId === id) this.unselect();
      await this.refresh();
    } catch (err) {
      this.patch({ error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** Loads a reference into the engine and measures its spectrum; the monitor's Reference side plays it. */
  async select(id: string): Promise<void> {
    const reference = this.snapshot.list.find((r) => r.id === id);
    if (!reference) return;
    const mine = ++this.selection;
    this.patch({ selectedId: id, loading: true, spectrum: null, error: null });
    try {
      const wav = await fetchStemAudio((url, init) => fetch(url, init), reference.audioUrl, this.playback.sampleRate);
      const channels: [Float32Array, Float32Array] = [wav.channels[0], wav.channels[1] ?? wav.channels[0].slice()];
      const spectrum = averageSpectrum(channels, this.playback.sampleRate);
      if (this.destroyed || mine !== this.selection) return;
      this.playback.setReference(channels);
      this.patch({ loading: false, spectrum });
    } catch (err) {
      if (mine === this.selection) this.patch({ loading: false, selectedId: null, error: `the reference could not be loaded: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  unselect(): void {
    this.selection++;
    this.playback.setReference(null);
    if (this.playback.snapshot.monitor.source === 'reference') this.playback.setMonitor({ source: 'master' });
    this.patch({ selectedId: null, loading: false, spectrum: null });
  }

  destroy(): void {
    this.destroyed = true;
    this.closeStore();
  }
}
