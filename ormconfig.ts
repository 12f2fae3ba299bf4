import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from './src/config/load-config';
import { buildDataSourceOptions } from './src/database/data-source-options';

// The DataSource the TypeORM CLI uses (`npm run migration:run`, `migration:revert`, `migration:show`).
loadDotEnv();
export default new DataSource(buildDataSourceOptions(loadConfig().database, 'migrations'));
