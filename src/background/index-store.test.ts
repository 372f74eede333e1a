import {describe, expect, it, vi} from 'vitest';
import {buildPhotoSet} from '../core/build-photo-set.js';
import {encodeIndex} from '../core/index-file.js';
import {createIndexStore} from './index-store.js';

const emptyIndex = () => {
  const bytes = encodeIndex(buildPhotoSet([], []));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
};

describe('index store', () => {
  it('loads each index once, however many checks ask', async () => {
    const load = vi.fn(async () => emptyIndex());
    const store = createIndexStore([{name: 'default', load}]);
    const [a, b] = await Promise.all([store.matcher(), store.matcher()]);
    expect(a).toBe(b);
    expect(load).toHaveBeenCalledTimes(1);
    expect(await store.info()).toEqual([{name: 'default', photos: 0, loaded: true}]);
  });
  it('reports a damaged index by name and retries on the next request', async () => {
    const load = vi.fn().mockResolvedValueOnce(new ArrayBuffer(10)).mockResolvedValue(emptyIndex());
    const store = createIndexStore([{name: 'team.cliche', load}]);
    await expect(store.matcher()).rejects.toThrow(/team\.cliche/);
    await expect(store.matcher()).resolves.toBeDefined();
  });
});
