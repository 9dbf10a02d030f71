/** The viewer's exports (English): the title, legend and data note of a PNG / SVG, file notes. Keys: see ../zh-CN/viewer-export.ts. */
export const viewerExport = {
  title: '{{dataset}} · {{cluster}}',
  'title.chain': '{{dataset}} · {{cluster}} · {{template}}',
  'title.focus': 'Selection: {{name}} and {{n}} companies around it',
  'note.dataset': 'Data: {{dataset}}',
  'note.cluster': 'Region: {{cluster}}',
  'note.template': 'Chain template: {{template}}',
  'note.noTemplate': 'No chain template',
  'note.date': 'Exported {{date}}',
  'note.drawn': '{{nodes}} nodes and {{edges}} links drawn',
  'note.inferredAll':
    'All {{n}} links drawn are inferred (derived from product and segment data), not observed transactions.',
  'note.inferredSome':
    '{{inferred}} of the {{n}} links drawn are inferred (derived from product and segment data), not observed transactions.',
  'note.grouped': 'Nodes are groups of companies (see legend), arcs summed between groups.',
  'note.credit': 'Chainlens viewer',
  'legend.more_one': '… and {{n}} more category',
  'legend.more_other': '… and {{n}} more categories',
  'legend.relations': 'Links',
  'legend.marks': 'Chain marks',
  'csv.none': 'Nothing to export: no company is shown.',
  'status.csv_one': 'CSV of {{n}} company ({{what}}) downloaded.',
  'status.csv_other': 'CSV of {{n}} companies ({{what}}) downloaded.',
  'status.what.focus': 'the selection',
  'status.what.shown': 'the companies shown',
};
