// CRM pages Baton places its sidebar on until managed policy names the organisation's
// own CRM. Match patterns ignore the port, so these cover the demo CRM on any port.
export const DEFAULT_CRM_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];
