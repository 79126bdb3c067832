import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiTestWorkflow } from 'src/apis/api-test.workflow.js';
import { ApiTestResultDto, InlineTestApiDto, TestApiDto } from 'src/apis/dto/api-test.dto.js';
import type { AuthUser } from 'src/auth/auth-user.js';
import { CurrentUser, RequirePermission } from 'src/auth/permissions.decorator.js';
import { IdParamDto } from 'src/common/validation/id-param.dto.js';

@ApiTags('apis')
@Controller('admin/v1/apis')
export class ApiTestController {
  constructor(private readonly tests: ApiTestWorkflow) {}

  @Post('test')
  @RequirePermission('api', 'execute')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiTestResultDto, description: 'Run outcome; parameter and execution errors are inside (success false)' })
  runInline(@Body() dto: InlineTestApiDto, @CurrentUser() actor: AuthUser) {
    return this.tests.testInline(dto, actor);
  }

  @Post(':id/test')
  @RequirePermission('api', 'execute')
  @HttpCode(200)
  @ApiOkResponse({ type: ApiTestResultDto, description: 'Run outcome of the draft or of versionId' })
  runSaved(@Param() { id }: IdParamDto, @Body() dto: TestApiDto, @CurrentUser() actor: AuthUser) {
    return this.tests.testSaved(id, dto, actor);
  }
}
