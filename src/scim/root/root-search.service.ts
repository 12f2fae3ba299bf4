import { Inject, Injectable } from '@nestjs/common';
import { AppError, ErrorCode } from '../../common/errors/app-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ScimGroupsService } from '../groups/scim-groups.service';
import { ScimContext } from '../scim-context';
import { ListQuery, listResponse, parseSearchRequest } from '../scim-list';
import { Json } from '../schema/canonicalize';
import { project } from '../schema/projection';
import { ScimUsersService } from '../users/scim-users.service';

interface Page {
  total: number;
  resources: Json[];
}

/**
 * `POST /scim/v2/.search` (RFC 7644 §3.4.3): one search across Users and Groups. Results
 * are the users, then the groups, each in creation order; `startIndex`/`count` page across
 * both. A filter that names an attribute only one type has matches only that type (a group
 * has no userName); a filter neither type can answer is refused as on each endpoint.
 */
@Injectable()
export class RootSearchService {
  constructor(
    private readonly users: ScimUsersService,
    private readonly groups: ScimGroupsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async search(ctx: ScimContext, body: unknown): Promise<Json> {
    const forUsers = parseSearchRequest(body, await this.users.schemasFor(ctx.principal.idSubscription), this.config.scim);
    const forGroups = parseSearchRequest(body, this.groups.schemas, this.config.scim);
    if (forUsers.sortBy) {
      throw new AppError(
        ErrorCode.InvalidValue,
        'sortBy does not apply to a search across resource types; sort with /Users/.search or /Groups/.search',
      );
    }
    if (forUsers.cursor !== undefined) {
      throw new AppError(
        ErrorCode.InvalidValue,
        'A search across resource types pages by startIndex; page by cursor with /Users/.search or /Groups/.search',
      );
    }
    const offset = forUsers.startIndex - 1;
    const users = await applicable(() => this.users.search(ctx, forUsers));
    const usersTotal = users instanceof AppError ? 0 : users.total;
    const taken = users instanceof AppError ? 0 : users.resources.length;
    const groups = await applicable(() =>
      this.groups.search(ctx, { ...forGroups, startIndex: Math.max(0, offset - usersTotal) + 1, count: forUsers.count - taken }),
    );
    if (users instanceof AppError && groups instanceof AppError) throw users;
    const pages: [Page | AppError, ListQuery][] = [
      [users, forUsers],
      [groups, forGroups],
    ];
    let total = 0;
    const resources: Json[] = [];
    for (const [page, query] of pages) {
      if (page instanceof AppError) continue;
      total += page.total;
      for (const resource of page.resources) resources.push(project(resource, query.attributes, query.excludedAttributes));
    }
    return listResponse(total, forUsers.startIndex, resources, {});
  }
}

/** The page, or the filter error that says this resource type cannot match the filter. */
async function applicable(search: () => Promise<{ page: { total: number }; resources: Json[] }>): Promise<Page | AppError> {
  try {
    const { page, resources } = await search();
    return { total: page.total, resources };
  } catch (error) {
    if (error instanceof AppError && error.code === ErrorCode.InvalidFilter) return error;
    throw error;
  }
}
