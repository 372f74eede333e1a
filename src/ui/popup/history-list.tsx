/** The history rows: a first screenful at once, the next ones as the end of the list scrolls near. */
import {Component} from 'preact';
import {useEffect, useRef, useState} from 'preact/hooks';
import type {HistoryEntry} from '../../shared/storage-schema.js';
import {FlagDetails} from '../components/flag-details.js';
import {dateTime} from '../components/formats.js';
import {WebSearch} from '../components/web-search.js';
import {lang, t} from '../i18n.js';
import {END_MARGIN, FIRST_ROWS, moreRows} from './history-window.js';

interface Props {
  entries: HistoryEntry[];
  /** Pages per stock photo, over the whole history (the overuse score's local part). */
  seen: Map<string, number>;
  onDelete(key: string): void;
}

/**
 * Drawn again only when its entries or counts change: the popup's other updates (tab results, the
 * scan ending) come right after the history arrives and were re-drawing every row each time.
 * `onDelete` must not depend on the render it was made in. Give it a `key` per search: a new search
 * starts again from the first screenful.
 */
export class HistoryList extends Component<Props> {
  override shouldComponentUpdate(next: Props) {
    return next.entries !== this.props.entries || next.seen !== this.props.seen;
  }
  override render() {
    return <Rows {...this.props} />;
  }
}

function Rows({entries, seen, onDelete}: Props) {
  const [drawn, setDrawn] = useState(FIRST_ROWS);
  const end = useRef<HTMLLIElement>(null);
  const complete = drawn >= entries.length;

  // Observed again after every growth: an end still in view after growing gets no new event otherwise.
  useEffect(() => {
    if (complete || !end.current) return;
    const watch = new IntersectionObserver((seenEnd) => {
      if (seenEnd.some((e) => e.isIntersecting)) setDrawn((d) => moreRows(d, entries.length));
    }, {rootMargin: END_MARGIN});
    watch.observe(end.current);
    return () => watch.disconnect();
  }, [drawn, complete, entries.length]);

  const locale = lang();
  return (
    <ul>
      {entries.slice(0, drawn).map((e) => (
        <li class="entry history-entry" key={e.key}>
          <img src={e.imageUrl} alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" />
          <div class="body">
            <p class="page-url">{e.pageUrl}</p>
            <p class="muted">{t('lastSeen', [dateTime(e.lastSeen, locale)])}</p>
            <FlagDetails meta={e.meta} score={e.score} pagesSeen={seen.get(e.meta.id)} />
            <WebSearch imageUrl={e.imageUrl} />
            <button class="delete" onClick={() => onDelete(e.key)}>{t('deleteEntry')}</button>
          </div>
        </li>
      ))}
      {!complete && <li class="more muted" ref={end} aria-hidden="true">…</li>}
    </ul>
  );
}
