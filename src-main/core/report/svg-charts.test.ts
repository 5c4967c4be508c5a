import { describe, expect, it } from 'vitest';
import { lineChartSvg } from './svg-charts';
import { html, escapeHtml, raw } from './escape';

describe('report building blocks', () => {
  it('escapes everything interpolated, unless marked as already-safe HTML', () => {
    const name = '<img src=x onerror=alert(1)>"\'&';
    expect(escapeHtml(name)).toBe('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
    expect(html`<td>${name}</td>${raw('<b>ok</b>')}`.value).toBe('<td>&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</td><b>ok</b>');
    expect(html`<ul>${['<a>', raw('<li>x</li>')]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>x</li></ul>');
  });

  it('draws curves as standalone SVG with escaped legend text', () => {
    const svg = lineChartSvg([{ name: 'cnn <script>', points: [{ x: 0, y: 0 }, { x: 0.5, y: 0.9 }, { x: 1, y: 1 }] }], { title: 'ROC', xLabel: 'FPR', yLabel: 'TPR', diagonal: true });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('cnn &lt;script&gt;');
    expect(svg).not.toContain('<script');
    expect(svg).toMatch(/<path d="M48\.0,260\.0L/);
  });
});
