// Public API of the engine: validation and generation, pure (no Office, no files).
export { validateWorkbook } from './core/validate/engine';
export type { ValidateOptions } from './core/validate/engine';
export type { Generated, GenerateOptions } from './core/generate/generate';
export { generateFromWorkbook } from './core/generate/generate';
export type { Finding, Report, Severity, TableId } from './core/model/findings';
export type { Workbook, Sheet, Cell, CellRef } from './core/model/grid';
