import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessLogResponseDto } from 'src/access-logs/dto/access-log-response.dto.js';
import { RequirePermission } from 'src/auth/permissions.decorator.js';
import {
  LatencyQueryDto,
  LatencyRowDto,
  LimitQueryDto,
  OverviewRangeQueryDto,
  OverviewStatsDto,
  RecentCommitDto,
  StatusBreakdownDto,
  TopApiDto,
  TopApisQueryDto,
  TrafficPointDto,
  TrafficQueryDto,
} from 'src/overview/dto/overview.dto.js';
import { OverviewService } from 'src/overview/overview.service.js';

@ApiTags('overview')
@Controller('admin/v1/overview')
@RequirePermission('overview', 'read')
export class OverviewController {
  constructor(private readonly overview: OverviewService) {}

  @Get('stats')
  @ApiOkResponse({ type: OverviewStatsDto })
  stats() {
    return this.overview.stats();
  }

  @Get('traffic')
  @ApiOkResponse({ type: [TrafficPointDto] })
  traffic(@Query() q: TrafficQueryDto) {
    return this.overview.traffic(q.days, q.granularity);
  }

  @Get('status-breakdown')
  @ApiOkResponse({ type: StatusBreakdownDto })
  statusBreakdown(@Query() q: OverviewRangeQueryDto) {
    return this.overview.statusBreakdown(q.days);
  }

  @Get('top-apis')
  @ApiOkResponse({ type: [TopApiDto] })
  topApis(@Query() q: TopApisQueryDto) {
    return this.overview.topApis(q.days, q.limit, q.by);
  }

  @Get('latency')
  @ApiOkResponse({ type: [LatencyRowDto] })
  latency(@Query() q: LatencyQueryDto) {
    return this.overview.latency(q.days, q.limit, q.by);
  }

  @Get('recent-access')
  @ApiOkResponse({ type: [AccessLogResponseDto] })
  recentAccess(@Query() q: LimitQueryDto) {
    return this.overview.recentAccess(q.limit);
  }

  @Get('recent-commits')
  @ApiOkResponse({ type: [RecentCommitDto] })
  recentCommits(@Query() q: LimitQueryDto) {
    return this.overview.recentCommits(q.limit);
  }
}
