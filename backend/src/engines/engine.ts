import type { Connector, DatasourceType } from 'src/datasources/external-db/connector.js';

/** What the runtime knows about an API's data source (never credentials). */
export interface ApiDatasourceInfo {
  id: string;
  name: string;
  type: DatasourceType;
  database: string;
}

/**
 * Where engines get a pooled connector for a data source. Implemented by the data-sources feature
 * (`DatasourceConnectors`, cached, no app-DB read per request once warm); EnginesModule binds it.
 */
export abstract class ConnectorSource {
  /** The pooled connector of an active data source; throws DATASOURCE_NOT_FOUND / DATASOURCE_INACTIVE. */
  abstract connectorFor(datasourceId: string): Connector | Promise<Connector>;
  abstract describe(datasourceId: string): ApiDatasourceInfo | Promise<ApiDatasourceInfo>;
}

/** The engine kinds an API version can name (`ApiSnapshot.engine`). */
export type EngineKind = 'sql' | 'script';
