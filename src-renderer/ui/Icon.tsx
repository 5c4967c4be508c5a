/** 16 px stroke icons drawn inline (no icon font: the CSP allows only same-origin assets). */
const PATHS = {
  import: 'M8 2v8m0 0L5 7m3 3 3-3M3 11v2.5h10V11',
  labels: 'M2.5 2.5h5.2l5.8 5.8-5.2 5.2-5.8-5.8zM5.3 5.3h.01',
  training: 'M2 12.5 5.5 8l2.5 2.5L13.5 4M10.5 4h3v3',
  compare: 'M3 13.5V8m3.5 5.5V3m3.5 10.5V6m3.5 7.5V9.5M2 13.5h12',
  explain: 'M6.8 11.6a4.8 4.8 0 1 1 0-9.6 4.8 4.8 0 0 1 0 9.6zM10.3 10.3 14 14M5 6.8h3.6M6.8 5v3.6',
  reports: 'M4 1.8h5.5L12.5 5v9.2h-8.5zM9.5 1.8V5h3M6 8h4.5M6 10.5h4.5',
  terminal: 'M2 3h12v10H2zM4.5 6l2 2-2 2M8 10.5h3.5',
  sun: 'M8 10.8a2.8 2.8 0 1 0 0-5.6 2.8 2.8 0 0 0 0 5.6zM8 1.5v1.3M8 13.2v1.3M1.5 8h1.3M13.2 8h1.3M3.4 3.4l.9.9M11.7 11.7l.9.9M3.4 12.6l.9-.9M11.7 4.3l.9-.9',
  moon: 'M13.5 9.6A5.7 5.7 0 0 1 6.4 2.5a5.7 5.7 0 1 0 7.1 7.1z',
  system: 'M2 3h12v8H2zM5.5 14h5M8 11v3',
  help: 'M8 14.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.5.2-.8.6-.8 1.1v.4M8 11.4h.01',
  close: 'M4 4l8 8M12 4l-8 8',
  chevronUp: 'M4 10l4-4 4 4',
  chevronDown: 'M4 6l4 4 4-4',
  clear: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 9h5.8l.6-9',
  folder: 'M1.8 4v8.5h12.4V5.5H7.8L6.3 4z',
  alert: 'M8 1.8 14.5 13.5h-13zM8 6.3v3.4M8 11.6h.01',
  copy: 'M5.5 5.5h7.5v8h-7.5zM3 10.5V2.5h7.5',
  plug: 'M6 1.5v3M10 1.5v3M4.5 4.5h7v3a3.5 3.5 0 0 1-7 0zM8 11v3.5',
  refresh: 'M13 3v3.5H9.5M3 13V9.5h3.5M12.6 6.4A5 5 0 0 0 3.6 5M3.4 9.6a5 5 0 0 0 9 1.4',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16, className }: { name: IconName; size?: number; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
