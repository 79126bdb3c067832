/** Management API shapes of `/admin/v1/api-modules` (DESIGN §8; backend api-modules/dto). */
export interface ApiModule {
  id: string;
  name: string;
  description: string;
  sortOrder: number;
  isActive: boolean;
  apiCount: number;
  publishedApiCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface ApiModuleInput {
  name: string;
  description?: string;
  sortOrder?: number;
  isActive?: boolean;
}
