import { ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { PageQueryDto } from '../../common/dto/page-query.dto';

export const SUBSCRIPTION_SCOPE_DESCRIPTION =
  "Subscription of the caller's company to act in (default: the caller's own); another company's answers 404";

/** `subscriptionId` of a subscription-scoped admin route: in the query on GET and DELETE, in the body on POST, PUT and PATCH. */
export class SubscriptionScopeDto {
  @ApiPropertyOptional({ format: 'uuid', description: SUBSCRIPTION_SCOPE_DESCRIPTION })
  @IsOptional()
  @IsUUID()
  subscriptionId?: string;
}

/** A page of a list in one subscription. */
export class ScopedPageQueryDto extends IntersectionType(PageQueryDto, SubscriptionScopeDto) {}
