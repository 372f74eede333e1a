import {describe, expect, it} from 'vitest';
import {onlyOverlay} from './watch.js';

const node = (nodeName: string) => ({nodeName}) as Node;
const record = (type: MutationRecordType, added: Node[] = [], removed: Node[] = []) =>
  ({type, addedNodes: added as unknown as NodeList, removedNodes: removed as unknown as NodeList});

describe('onlyOverlay', () => {
  it('ignores our overlay host coming and going', () => {
    expect(onlyOverlay([record('childList', [node('CLICHE-OVERLAY')])])).toBe(true);
    expect(onlyOverlay([record('childList', [], [node('CLICHE-OVERLAY')]), record('childList', [node('CLICHE-OVERLAY')])])).toBe(true);
  });
  it('sees any change of the page, even in the same batch as ours', () => {
    expect(onlyOverlay([record('childList', [node('CLICHE-OVERLAY'), node('IMG')])])).toBe(false);
    expect(onlyOverlay([record('childList', [node('CLICHE-OVERLAY')]), record('attributes')])).toBe(false);
    expect(onlyOverlay([record('childList', [], [node('DIV')])])).toBe(false);
  });
});
