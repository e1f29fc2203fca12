import type { Metadata } from "next";
import { keyFromSegments } from "@/components/buckets/paths";
import { FolderPage, filterParam } from "../../../_lib/folder-page";

type Props = { params: Promise<{ bucket: string; path: string[] }>; searchParams: Promise<{ q?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { bucket, path } = await params;
  return { title: `${keyFromSegments(path)}/ · ${decodeURIComponent(bucket)}` };
}

export default async function FolderRoute({ params, searchParams }: Props) {
  const { bucket, path } = await params;
  return <FolderPage bucket={decodeURIComponent(bucket)} prefix={`${keyFromSegments(path)}/`} filter={filterParam((await searchParams).q)} />;
}
