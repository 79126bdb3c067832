import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccessLogsService } from 'src/access-logs/access-logs.service.js';
import { AccessLogPageDto, AccessLogResponseDto } from 'src/access-logs/dto/access-log-response.dto.js';
import { AccessLogFiltersDto, ListAccessLogsQueryDto } from 'src/access-logs/dto/list-access-logs-query.dto.js';
import { RequirePermission } from 'src/auth/permissions.decorator.js';

@ApiTags('access-logs')
@Controller('admin/v1/access-logs')
export class AccessLogsController {
  constructor(private readonly logs: AccessLogsService) {}

  @Get()
  @RequirePermission('access_log', 'read')
  @ApiOkResponse({ type: AccessLogPageDto })
  list(@Query() query: ListAccessLogsQueryDto): Promise<AccessLogPageDto> {
    return this.logs.list(query);
  }

  @Get('export')
  @RequirePermission('access_log', 'read')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV of the filtered range, newest first (at most 1,000,000 rows)', schema: { type: 'string' } })
  export(@Query() filters: AccessLogFiltersDto, @Res() reply: FastifyReply) {
    const name = `access-logs-${new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}"`).send(this.logs.exportCsv(filters));
  }

  @Get(':id')
  @RequirePermission('access_log', 'read')
  @ApiOkResponse({ type: AccessLogResponseDto })
  get(@Param('id') id: string): Promise<AccessLogResponseDto> {
    return this.logs.get(id);
  }
}
