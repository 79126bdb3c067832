import type { ApiModuleResponseDto } from '@/api/client';

export type ApiModule = ApiModuleResponseDto;
