/** The top bar: file, edit and view actions, the flow's title with its unsaved marker. */
import { useEffect, useRef, useState } from 'react';
import type { HostApi } from '../../core/host-api.js';
import { useT } from '../i18n/index.js';
import { useDesigner } from '../state/flow-store.js';
import type { Command } from './commands.js';
import { Icon } from './icons.js';

interface ToolbarProps {
  run: (command: Command) => void;
  openRecent: (path: string) => void;
  testsOpen: boolean;
  minimapOn: boolean;
}

function ToolButton(props: {
  action: string;
  icon: string;
  label: string;
  tip: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      className={`fd-tool${props.primary ? ' is-primary' : ''}${props.pressed ? ' is-pressed' : ''}`}
      data-testid={`btn-${props.action}`}
      title={props.tip}
      aria-label={props.label}
      aria-pressed={props.pressed}
      disabled={props.disabled}
      onClick={props.onClick}
    >
      <Icon name={props.icon} size={16} />
      <span className="fd-tool-label">{props.label}</span>
    </button>
  );
}

function RecentMenu({ openRecent, saveAs }: { openRecent: (path: string) => void; saveAs: () => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<string[] | undefined>();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const host = (globalThis as { host?: HostApi }).host;
    setItems(undefined);
    host
      ?.recentFlows()
      .then(setItems)
      .catch(() => setItems([]));
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  return (
    <div className="fd-menu" ref={box}>
      <button
        type="button"
        className="fd-tool fd-tool-narrow"
        data-testid="btn-recent"
        title={t('toolbar.recent.tip')}
        aria-label={t('toolbar.recent.tip')}
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        <Icon name="chevron" size={14} />
      </button>
      {open && (
        <div className="fd-menu-list" role="menu">
          <button
            type="button"
            role="menuitem"
            className="fd-menu-item"
            data-testid="menu-save-as"
            onClick={() => {
              setOpen(false);
              saveAs();
            }}
          >
            <span className="fd-menu-item-name">{t('toolbar.saveAs')}</span>
            <span className="fd-menu-item-path">Ctrl+Shift+S</span>
          </button>
          <div className="fd-menu-heading">{t('toolbar.recent')}</div>
          {items === undefined && <div className="fd-menu-empty">…</div>}
          {items?.length === 0 && <div className="fd-menu-empty">{t('toolbar.recent.empty')}</div>}
          {items?.map((path) => (
            <button
              key={path}
              type="button"
              role="menuitem"
              className="fd-menu-item"
              title={path}
              onClick={() => {
                setOpen(false);
                openRecent(path);
              }}
            >
              <span className="fd-menu-item-name">{path.split(/[\\/]/).pop()}</span>
              <span className="fd-menu-item-path">{path}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

export function Toolbar({ run, openRecent, testsOpen, minimapOn }: ToolbarProps) {
  const t = useT();
  const name = useDesigner((s) => s.flow.name);
  const dirty = useDesigner((s) => s.dirty);
  const filePath = useDesigner((s) => s.filePath);
  const canUndo = useDesigner((s) => s.canUndo);
  const canRedo = useDesigner((s) => s.canRedo);
  const errorCount = useDesigner((s) => s.issues.filter((i) => i.severity === 'error').length);

  return (
    <header className="fd-toolbar">
      <h1 className="fd-brand">
        <span className="fd-brand-mark" aria-hidden="true" />
        {t('app.title')}
      </h1>
      <div className="fd-title" data-testid="flow-title" title={filePath ?? t('flow.unsaved')}>
        <span className="fd-title-name">{name}</span>
        {dirty && (
          <span
            className="fd-dirty"
            data-testid="dirty-marker"
            title={t('toolbar.dirty')}
            role="img"
            aria-label={t('toolbar.dirty')}
          >
            ●
          </span>
        )}
        <span className="fd-title-path">{filePath ?? t('flow.unsaved')}</span>
      </div>
      <nav className="fd-tools" aria-label={t('toolbar.label')}>
        <div className="fd-tool-group">
          <ToolButton
            action="new"
            icon="new"
            label={t('toolbar.new')}
            tip={t('toolbar.new.tip')}
            onClick={() => run('file:new')}
          />
          <ToolButton
            action="open"
            icon="open"
            label={t('toolbar.open')}
            tip={t('toolbar.open.tip')}
            onClick={() => run('file:open')}
          />
          <RecentMenu openRecent={openRecent} saveAs={() => run('file:save-as')} />
          <ToolButton
            action="save"
            icon="save"
            label={t('toolbar.save')}
            tip={t('toolbar.save.tip')}
            onClick={() => run('file:save')}
          />
          <ToolButton
            action="export"
            icon="export"
            label={t('toolbar.export')}
            tip={
              errorCount
                ? `${t('toolbar.export.tip')} — ${t('status.exportRefused', { count: errorCount })}`
                : t('toolbar.export.tip')
            }
            onClick={() => run('file:export')}
            primary
          />
          <ToolButton
            action="import"
            icon="import"
            label={t('toolbar.import')}
            tip={t('toolbar.import.tip')}
            onClick={() => run('file:import')}
          />
        </div>
        <div className="fd-tool-group">
          <ToolButton
            action="undo"
            icon="undo"
            label={t('toolbar.undo')}
            tip={t('toolbar.undo.tip')}
            onClick={() => run('edit:undo')}
            disabled={!canUndo}
          />
          <ToolButton
            action="redo"
            icon="redo"
            label={t('toolbar.redo')}
            tip={t('toolbar.redo.tip')}
            onClick={() => run('edit:redo')}
            disabled={!canRedo}
          />
        </div>
        <div className="fd-tool-group">
          <ToolButton
            action="layout"
            icon="layout"
            label={t('toolbar.layout')}
            tip={t('toolbar.layout.tip')}
            onClick={() => run('view:layout')}
          />
          <ToolButton
            action="fit"
            icon="fit"
            label={t('toolbar.fit')}
            tip={t('toolbar.fit.tip')}
            onClick={() => run('view:fit')}
          />
          <ToolButton
            action="minimap"
            icon="map"
            label={t('toolbar.minimap')}
            tip={t('toolbar.minimap.tip')}
            onClick={() => run('view:minimap')}
            pressed={minimapOn}
          />
        </div>
        <div className="fd-tool-group">
          <ToolButton
            action="tests"
            icon="tests"
            label={t('toolbar.tests')}
            tip={t('toolbar.tests.tip')}
            onClick={() => run('view:test-bench')}
            pressed={testsOpen}
          />
          <ToolButton
            action="deploy"
            icon="globe"
            label={t('toolbar.deploy')}
            tip={t('toolbar.deploy.tip')}
            onClick={() => run('file:deploy')}
          />
          <ToolButton
            action="credentials"
            icon="key"
            label={t('toolbar.credentials')}
            tip={t('toolbar.credentials.tip')}
            onClick={() => run('view:credentials')}
          />
          <ToolButton
            action="language"
            icon="language"
            label={t('toolbar.language')}
            tip={t('toolbar.language.tip')}
            onClick={() => run('view:language')}
          />
        </div>
      </nav>
    </header>
  );
}
