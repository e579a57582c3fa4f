import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
// The app's CSP allows only its own style sheets: AG Grid's legacy CSS themes are bundled files,
// so the grid never has to inject a <style> element at run time (theme="legacy").
import 'ag-grid-community/styles/ag-grid.css';
import 'ag-grid-community/styles/ag-theme-quartz-no-font.css';
import './ag-grid-icons.css';

ModuleRegistry.registerModules([AllCommunityModule]);

export const GRID_THEME = 'legacy' as const;
export const GRID_THEME_CLASS = 'ag-theme-quartz';
