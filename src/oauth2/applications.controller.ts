import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageOf, PageQueryDto } from '../common/dto/page-query.dto';
import { Principal, RequireAdmin } from './auth/auth.decorators';
import type { Principal as PrincipalType } from './auth/principal';
import { ApplicationsService } from './applications.service';
import { ApplicationView, ApplicationWithSecretView } from './dto/application.view';
import { CreateApplicationDto } from './dto/create-application.dto';
import { UpdateApplicationDto } from './dto/update-application.dto';

@ApiTags('oauth2 applications')
@RequireAdmin()
@Controller('api/oauth2/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Post()
  @ApiCreatedResponse({ type: ApplicationWithSecretView, description: 'The client secret is in this response only' })
  create(@Principal() principal: PrincipalType, @Body() dto: CreateApplicationDto): Promise<ApplicationWithSecretView> {
    return this.applications.create(principal, dto);
  }

  @Get()
  list(@Principal() principal: PrincipalType, @Query() page: PageQueryDto): Promise<PageOf<ApplicationView>> {
    return this.applications.list(principal, page.offset, page.limit);
  }

  @Get(':id')
  @ApiOkResponse({ type: ApplicationView })
  get(@Principal() principal: PrincipalType, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationView> {
    return this.applications.get(principal, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ApplicationView })
  update(
    @Principal() principal: PrincipalType,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateApplicationDto,
  ): Promise<ApplicationView> {
    return this.applications.update(principal, id, dto);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationWithSecretView, description: 'The old secret and every token issued with it stop working at once' })
  rotateSecret(@Principal() principal: PrincipalType, @Param('id', ParseUUIDPipe) id: string): Promise<ApplicationWithSecretView> {
    return this.applications.rotateSecret(principal, id);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Principal() principal: PrincipalType, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.applications.remove(principal, id);
  }
}
