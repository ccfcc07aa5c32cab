/**
 * The browser designer's own Open and Save As dialogs: a browser has no native file dialog,
 * so the host lists the workspace's flows (`listFlows`) and the renderer asks here. Electron
 * shows the OS dialogs instead and never opens these.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ListedFlow } from '../../core/host-api.js';
import { useT } from '../i18n/index.js';
import { Icon } from './icons.js';

export type FileDialogRequest =
  | { kind: 'open'; flows: ListedFlow[]; resolve: (path: string | null) => void }
  | { kind: 'saveAs'; suggested: string; resolve: (name: string | null) => void };

export function FileDialog({ request, onDone }: { request: FileDialogRequest; onDone: () => void }) {
  const t = useT();
  const [filter, setFilter] = useState('');
  const [name, setName] = useState(request.kind === 'saveAs' ? request.suggested : '');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    if (request.kind === 'saveAs') {
      // Select the name without the extension, as desktop dialogs do.
      const end = request.suggested.replace(/\.flow\.json$/i, '').length;
      input.current?.setSelectionRange(0, end);
    }
  }, [request]);

  const shown = useMemo(() => {
    if (request.kind !== 'open') return [];
    const q = filter.trim().toLowerCase();
    return q ? request.flows.filter((f) => f.path.toLowerCase().includes(q)) : request.flows;
  }, [request, filter]);

  const finish = (value: string | null) => {
    (request.resolve as (v: string | null) => void)(value);
    onDone();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(null);
    } else if (request.kind === 'open' && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault();
      setActive((i) => Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (request.kind === 'open') {
      const picked = shown[active];
      if (picked) finish(picked.path);
    } else if (name.trim()) {
      finish(name.trim());
    }
  };

  const title = request.kind === 'open' ? t('file.openTitle') : t('file.saveAsTitle');

  return (
    <div className="fd-dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && finish(null)}>
      <form
        className="fd-dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        data-testid={request.kind === 'open' ? 'open-dialog' : 'save-as-dialog'}
        onKeyDown={onKeyDown}
        onSubmit={onSubmit}
      >
        <header className="fd-dialog-head">
          <h2>{title}</h2>
          <button type="button" className="fd-dialog-x" aria-label={t('common.close')} onClick={() => finish(null)}>
            <Icon name="close" size={14} />
          </button>
        </header>
        {request.kind === 'open' ? (
          <>
            <label className="fd-search fd-dialog-search">
              <Icon name="search" size={14} />
              <input
                ref={input}
                type="search"
                value={filter}
                placeholder={t('file.filter')}
                aria-label={t('file.filter')}
                onChange={(e) => {
                  setFilter(e.target.value);
                  setActive(0);
                }}
              />
            </label>
            <ul className="fd-dialog-list" role="listbox" aria-label={t('file.openTitle')}>
              {shown.map(({ path, exported }, i) => (
                <li key={path} role="option" aria-selected={i === active}>
                  <button
                    type="button"
                    className={`fd-dialog-file${i === active ? ' is-active' : ''}${exported ? ' is-exported' : ''}`}
                    data-testid="open-item"
                    data-path={path}
                    title={exported ? t('file.exportedHelp') : undefined}
                    onMouseEnter={() => setActive(i)}
                    onClick={() => finish(path)}
                  >
                    <span className="fd-dialog-file-name">
                      {path.split('/').pop()}
                      {/* Export copies share the working file's name: say which one this is. */}
                      {exported && <span className="fd-dialog-file-tag">{t('file.exported')}</span>}
                    </span>
                    <span className="fd-dialog-file-path">{path}</span>
                  </button>
                </li>
              ))}
              {shown.length === 0 && <li className="fd-dialog-empty">{t('file.none')}</li>}
            </ul>
          </>
        ) : (
          <label className="fd-dialog-field">
            <span>{t('file.name')}</span>
            <input
              ref={input}
              type="text"
              value={name}
              data-testid="save-as-name"
              spellCheck={false}
              onChange={(e) => setName(e.target.value)}
            />
            <small>{t('file.nameHelp')}</small>
          </label>
        )}
        <footer className="fd-dialog-actions">
          <button type="button" className="fd-button" onClick={() => finish(null)}>
            {t('file.cancel')}
          </button>
          <button
            type="submit"
            className="fd-button is-primary"
            data-testid="file-dialog-ok"
            disabled={request.kind === 'open' ? shown.length === 0 : !name.trim()}
          >
            {request.kind === 'open' ? t('toolbar.open') : t('toolbar.save')}
          </button>
        </footer>
      </form>
    </div>
  );
}
