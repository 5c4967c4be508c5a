import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Terminal, type ITheme } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import type { JobEvent } from '../../shared/domain/jobs';
import { useApi } from '../ipc';
import { toVigilError } from '../ipc';
import type { Palette } from '../theme/theme';
import { useTheme } from '../theme/theme-context';
import { Icon } from '../ui/Icon';
import { useT } from '../ui/i18n';
import { describeBinding } from '../app/shortcuts';
import { formatLogEvent, formatLogLine, liveLinesAfterBacklog } from './log-format';

type LogEvent = Extract<JobEvent, { kind: 'log' }>;

const HEIGHT_KEY = 'vigil.consoleHeight';
const MIN_HEIGHT = 90;
/** How many recent jobs' backlogs (`jobs:log`) to replay when the window opens. */
const BACKLOG_JOBS = 5;

function terminalTheme(p: Palette): ITheme {
  const s = getComputedStyle(document.documentElement);
  return {
    background: s.getPropertyValue('--term-bg').trim(),
    foreground: s.getPropertyValue('--term-fg').trim(),
    cursor: s.getPropertyValue('--term-bg').trim(),
    selectionBackground: p.accent + '55',
    red: p.danger,
    yellow: p.warning,
    green: p.success,
    blue: p.series[0] ?? p.accent,
    magenta: p.series[3] ?? p.accent,
    cyan: p.series[1] ?? p.accent,
    brightCyan: p.series[6] ?? p.accent,
  };
}

/**
 * The bottom panel: an xterm.js view of job logs. On mount it replays the backlog of the most
 * recent jobs (`jobs:log`), then streams `job:event` log lines; live lines that arrive while a
 * backlog is in flight are held back and de-duplicated against it. It stays mounted while
 * collapsed so no line is lost; the status-bar toggle or Ctrl+` shows it.
 */
export function ConsolePanel({ open, onToggle, mac }: { open: boolean; onToggle(): void; mac: boolean }) {
  const api = useApi();
  const t = useT();
  const { palette } = useTheme();
  const host = useRef<HTMLDivElement>(null);
  const term = useRef<Terminal | null>(null);
  const [height, setHeight] = useState(() => Number(localStorage.getItem(HEIGHT_KEY)) || 220);
  const [unread, setUnread] = useState(0);
  const openRef = useRef(open);
  openRef.current = open;
  const tRef = useRef(t);
  tRef.current = t;

  // The terminal and the log stream live as long as the panel.
  useEffect(() => {
    const el = host.current;
    if (!el) return undefined;
    const css = getComputedStyle(document.documentElement);
    const terminal = new Terminal({
      convertEol: true,
      disableStdin: true,
      cursorBlink: false,
      cursorInactiveStyle: 'none',
      fontFamily: css.getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 12,
      lineHeight: 1.25,
      scrollback: 10_000,
      theme: terminalTheme(palette),
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(el);
    term.current = terminal;
    const refit = () => {
      if (el.offsetWidth > 0 && el.offsetHeight > 0) fit.fit();
    };
    refit();
    const ro = new ResizeObserver(refit);
    ro.observe(el);

    let live = true;
    const write = (text: string) => {
      terminal.writeln(text);
      if (!openRef.current) setUnread((n) => n + 1);
    };
    terminal.writeln(`\x1b[2m${tRef.current('console.waiting')}\x1b[0m`);

    // Live lines of jobs whose backlog is still loading wait here.
    const held = new Map<string, LogEvent[]>();
    const off = api.on('job:event', (ev) => {
      if (ev.kind !== 'log') return;
      const buffer = held.get(ev.jobId);
      if (buffer) buffer.push(ev);
      else write(formatLogEvent(ev));
    });

    api.invoke('jobs:list', {}).then(
      async (jobs) => {
        const recent = [...jobs].sort((a, b) => a.startedAtMs - b.startedAtMs).slice(-BACKLOG_JOBS);
        for (const j of recent) held.set(j.id, []);
        for (const j of recent) {
          if (!live) return;
          try {
            const lines = await api.invoke('jobs:log', { jobId: j.id });
            if (!live) return;
            for (const l of lines) write(formatLogLine(j.id, l));
            for (const ev of liveLinesAfterBacklog(lines, held.get(j.id) ?? [])) write(formatLogEvent(ev));
          } catch (e) {
            if (!live) return;
            write(`\x1b[31m${tRef.current('console.backlogFailed', { job: j.id.slice(0, 8), message: toVigilError(e).message })}\x1b[0m`);
            for (const ev of held.get(j.id) ?? []) write(formatLogEvent(ev));
          } finally {
            held.delete(j.id);
          }
        }
      },
      (e: unknown) => {
        if (live) write(`\x1b[31m${toVigilError(e).code}: ${toVigilError(e).message}\x1b[0m`);
      },
    );

    return () => {
      live = false;
      off();
      ro.disconnect();
      terminal.dispose();
      term.current = null;
    };
    // The palette is applied by the effect below; the stream must not restart on theme changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  useEffect(() => {
    if (term.current) term.current.options.theme = terminalTheme(palette);
  }, [palette]);

  useEffect(() => {
    if (open) setUnread(0);
  }, [open]);

  const resizeFrom = useRef<{ y: number; h: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    resizeFrom.current = { y: e.clientY, h: height };
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const from = resizeFrom.current;
    if (from) setHeight(clampHeight(from.h + from.y - e.clientY));
  };
  const onPointerUp = () => {
    resizeFrom.current = null;
    localStorage.setItem(HEIGHT_KEY, String(height));
  };
  const onSplitterKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 60 : 20;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const h = clampHeight(height + (e.key === 'ArrowUp' ? step : -step));
      setHeight(h);
      localStorage.setItem(HEIGHT_KEY, String(h));
    }
  };

  const toggleLabel = open ? t('console.hide') : t('console.show');
  return (
    <section
      id="console-panel"
      className={open ? 'console' : 'console collapsed'}
      aria-label={t('console.title')}
      data-testid="console"
      data-open={open}
      style={open ? { height } : undefined}
    >
      {open && (
        <div
          className="splitter"
          role="separator"
          aria-orientation="horizontal"
          aria-valuenow={height}
          aria-valuemin={MIN_HEIGHT}
          aria-label={t('console.title')}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onKeyDown={onSplitterKey}
        />
      )}
      <header className="console-header">
        <button type="button" className="console-title" onClick={onToggle} aria-expanded={open} aria-controls="console-body" title={`${toggleLabel} (${describeBinding('console', mac)})`}>
          <Icon name={open ? 'chevronDown' : 'chevronUp'} size={14} />
          <Icon name="terminal" size={14} />
          {t('console.title')}
          {!open && unread > 0 && <span className="unread" aria-label={String(unread)}>{unread > 99 ? '99+' : unread}</span>}
        </button>
        <span className="topbar-spacer" />
        {open && (
          <button type="button" className="icon-btn" onClick={() => term.current?.clear()} aria-label={t('console.clear')} title={t('console.clear')} data-testid="console-clear">
            <Icon name="clear" size={14} />
          </button>
        )}
        <button type="button" className="icon-btn" onClick={onToggle} aria-label={toggleLabel} title={toggleLabel}>
          <Icon name={open ? 'close' : 'chevronUp'} size={14} />
        </button>
      </header>
      <div id="console-body" className="console-body" aria-hidden={!open}>
        <div ref={host} className="console-term" data-testid="console-terminal" />
      </div>
    </section>
  );
}

function clampHeight(h: number): number {
  return Math.round(Math.min(Math.max(h, MIN_HEIGHT), window.innerHeight * 0.7));
}
