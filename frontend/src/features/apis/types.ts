import type { ApiResponseDto, ApiTestResultDto } from '@/api/client';

export type ApiDefinition = ApiResponseDto;

/** The test-run answer (DESIGN §8): rendered statements with bound values, the envelope, timings, error. */
export type TestRunResult = ApiTestResultDto;
