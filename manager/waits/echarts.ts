/**
 * Only the pieces of ECharts the wait report draws: bars and lines on a grid with a plain legend
 * and a tooltip, on canvas. The weekday × hour arrivals are an HTML table (`arrivals-table.ts`),
 * which keeps the heatmap and visual-map code (a third of the chunk) out of the page. Imported
 * lazily when the chart first shows.
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendPlainComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendPlainComponent, TooltipComponent, CanvasRenderer]);

// Only `init` leaves this module: re-exporting the core namespace would keep every helper it
// lists (maps, GeoJSON, graphic utilities) in the chunk.
export { init };
