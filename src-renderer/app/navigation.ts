import { createContext, useContext } from 'react';
import type { AreaId } from './areas';

/** Opens another area (the Shell provides it): for links between areas, e.g. scored flags → Labels. */
export const NavigateContext = createContext<(area: AreaId) => void>(() => undefined);

export function useNavigate(): (area: AreaId) => void {
  return useContext(NavigateContext);
}
