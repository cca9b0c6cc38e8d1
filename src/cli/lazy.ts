// Readers loaded only when asked for (--catalog, --text): they bring JSZip (.docx), which a PDF or workbook
// run does not need. By require: a dynamic import() fails in the folder pool's worker threads under tsx.
/* eslint-disable @typescript-eslint/no-require-imports */
export const lazyCatalog = () => require('../io/catalog-file') as typeof import('../io/catalog-file');
export const lazyText = () => require('../io/text-file') as typeof import('../io/text-file');
